using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class AmiSystemTests : IDisposable
{
    private const string Asterisk = """
        name: asterisk
        kind: contactCenter
        protocol: ami
        mode: on
        address: tcp://127.0.0.1:5038
        auth: { type: basic, username: hub, password: "${env:ASTERISK_AMI_PASSWORD}" }
        """;

    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void An_ami_system_without_operations_is_bound_with_default_settings()
    {
        _config.Write("systems/asterisk.yaml", Asterisk);

        var configuration = _config.Valid();
        var system = configuration.Systems.ShouldHaveSingleItem();

        system.Protocol.ShouldBe(SystemProtocol.Ami);
        system.Kind.ShouldBe(SystemKind.ContactCenter);
        system.AddressUri.ShouldBe(new Uri("tcp://127.0.0.1:5038"));
        system.AllowedHosts.ShouldBe(["127.0.0.1"]);
        system.Auth.Type.ShouldBe(AuthType.Basic);
        system.Auth.Username.ShouldBe("hub");
        system.Auth.Password!.Name.ShouldBe("ASTERISK_AMI_PASSWORD");
        system.Operations.ShouldBeEmpty();
        system.Ami.ShouldBe(new AmiSettings());

        // No operations is fine for a contact center: the capability check lists it and just finds nothing there.
        var reports = CapabilityCheck.Run(configuration);
        reports.ShouldAllBe(report => report.Systems.Contains("asterisk"));
        reports.Single(r => r.Capability == Capability.CallLogging).Providers["interaction.log"].ShouldBeEmpty();
    }

    [Fact]
    public void The_ami_section_is_bound()
    {
        _config.Write("systems/asterisk.yaml", Asterisk + """

            ami:
              reconnect: { minSeconds: 0.5, maxSeconds: 10 }
              agentIdFrom: interface
              originateContext: hub-dial
              resyncOnConnect: false
            """);

        var ami = _config.Valid().Systems.Single().Ami!;

        ami.ReconnectMin.ShouldBe(TimeSpan.FromSeconds(0.5));
        ami.ReconnectMax.ShouldBe(TimeSpan.FromSeconds(10));
        ami.AgentIdFrom.ShouldBe(AmiAgentIdSource.Interface);
        ami.OriginateContext.ShouldBe("hub-dial");
        ami.ResyncOnConnect.ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://127.0.0.1:5038/")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://127.0.0.1:5038/manager")]
    [InlineData("127.0.0.1:5038")]
    public void The_address_must_be_tcp_host_and_port(string address)
    {
        _config.Write("systems/asterisk.yaml", Asterisk.Replace("tcp://127.0.0.1:5038", address, StringComparison.Ordinal));

        _config.SingleError().ShouldBeAt("systems/asterisk.yaml", 5, 10, "address", address,
            "is not a tcp://host:port address of the Asterisk manager interface (for example tcp://127.0.0.1:5038)");
    }

    [Fact]
    public void Auth_is_required()
    {
        _config.Write("systems/asterisk.yaml", "name: asterisk\nprotocol: ami\naddress: tcp://pbx:5038");

        _config.SingleError().ShouldBeAt("systems/asterisk.yaml", 1, 1, "auth", null,
            "is required for protocol ami: type basic, with the AMI user's username and password (${env:NAME})");
    }

    [Fact]
    public void Auth_must_be_basic()
    {
        _config.Write("systems/asterisk.yaml", """
            name: asterisk
            protocol: ami
            address: tcp://pbx:5038
            auth:
              type: apiKey
              key: ${env:AMI_KEY}
            """);

        _config.SingleError().ShouldBeAt("systems/asterisk.yaml", 5, 9, "auth.type", "apiKey",
            "is not basic; protocol ami logs in with the AMI user's username and password");
    }

    [Fact]
    public void The_password_must_be_a_reference_and_is_never_echoed()
    {
        _config.Write("systems/asterisk.yaml", Asterisk.Replace("\"${env:ASTERISK_AMI_PASSWORD}\"", "s3cret", StringComparison.Ordinal));

        var error = _config.SingleError();

        error.Field.ShouldBe("auth.password");
        error.Value.ShouldBeNull();
        error.ToString().ShouldNotContain("s3cret");
    }

    [Fact]
    public void Bad_ami_settings_name_their_field_value_and_reason()
    {
        _config.Write("systems/asterisk.yaml", Asterisk + """

            ami:
              reconnect: { minSeconds: 5, maxSeconds: 2 }
              agentIdFrom: extension
              resyncOnConnect: maybe
              retries: 3
            """);

        var errors = _config.Load().Errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Field} {e.Value} {e.Reason}");

        errors.ShouldBe([
            "systems/asterisk.yaml:8:43 ami.reconnect.maxSeconds 2 is less than reconnect.minSeconds (5)",
            "systems/asterisk.yaml:9:16 ami.agentIdFrom extension is not one of memberName, interface",
            "systems/asterisk.yaml:10:20 ami.resyncOnConnect maybe is not true or false",
            "systems/asterisk.yaml:11:3 ami.retries  unknown field 'retries'",
        ]);
    }

    [Fact]
    public void The_ami_section_is_refused_on_other_protocols()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem + "\nami: { agentIdFrom: interface }");

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 10, 1, "ami", null,
            "is only used by protocol ami (this system's protocol is rest)");
    }
}
