using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Secrets;

public sealed class SecretsInConfigurationTests : IDisposable
{
    private const string Leak = "hunter2-do-not-print";
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Inline_secrets_in_every_secret_field_are_errors_that_never_show_the_value()
    {
        _config.Write("switchboard.yaml", $"""
            server:
              certificate:
                path: hub.pfx
                password: {Leak}
            storage:
              provider: postgresql
              postgresql:
                connectionString: Host=db;Password={Leak}
            """);
        _config.Write("systems/a.yaml", $"name: a\nprotocol: rest\naddress: http://a/\nauth:\n  type: apiKey\n  key: {Leak}");
        _config.Write("systems/b.yaml", $"name: b\nprotocol: rest\naddress: http://b/\nauth:\n  type: basic\n  username: u\n  password: {Leak}");
        _config.Write("systems/c.yaml", $"name: c\nprotocol: rest\naddress: http://c/\nauth:\n  type: oauth2\n  tokenUrl: https://c/token\n  clientId: c\n  clientSecret: {Leak}");
        _config.Write("d.pfx", "not checked at load");
        _config.Write("systems/d.yaml", $"name: d\nprotocol: rest\naddress: http://d/\nauth:\n  type: mtls\n  certificate: d.pfx\n  certificatePassword: {Leak}");

        var result = _config.Load();

        result.Errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Field}").ShouldBe([
            "switchboard.yaml:4:15 server.certificate.password",
            "switchboard.yaml:8:23 storage.postgresql.connectionString",
            "systems/a.yaml:6:8 auth.key",
            "systems/b.yaml:7:13 auth.password",
            "systems/c.yaml:8:17 auth.clientSecret",
            "systems/d.yaml:7:24 auth.certificatePassword",
        ]);
        result.Errors.ShouldAllBe(e => e.Value == null && e.Reason == "secrets must be references like ${env:NAME} so they never sit in files");
        result.Errors.ShouldAllBe(e => !e.ToString().Contains(Leak));
    }

    [Fact]
    public void A_malformed_reference_is_shown_because_it_is_not_a_secret()
    {
        _config.Write("systems/a.yaml", "name: a\nprotocol: rest\naddress: http://a/\nauth:\n  type: apiKey\n  key: ${vault:crm/key}");

        _config.SingleError().ShouldBeAt("systems/a.yaml", 6, 8, "auth.key", "${vault:crm/key}",
            "uses the unknown source 'vault'; write ${env:NAME} or ${file:PATH}");
    }

    [Fact]
    public void Loading_does_not_resolve_references()
    {
        _config.Write("systems/a.yaml", "name: a\nprotocol: rest\naddress: http://a/\nauth:\n  type: apiKey\n  key: ${env:SWITCHBOARD_TEST_UNSET_VARIABLE}");

        var key = _config.Valid().Systems[0].Auth.Key!;

        key.Name.ShouldBe("SWITCHBOARD_TEST_UNSET_VARIABLE");
        key.ToString().ShouldBe("${env:SWITCHBOARD_TEST_UNSET_VARIABLE}");
        Should.Throw<InvalidOperationException>(key.Resolve);
    }

    [Fact]
    public void The_configuration_text_never_contains_a_resolved_secret()
    {
        var variable = "SWITCHBOARD_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, Leak);
        try
        {
            _config.Write("systems/a.yaml", $"name: a\nprotocol: rest\naddress: http://a/\nauth:\n  type: apiKey\n  key: ${{env:{variable}}}");

            var configuration = _config.Valid();

            configuration.Systems[0].Auth.Key!.Resolve().ShouldBe(Leak);
            configuration.ToString().ShouldNotContain(Leak);
            configuration.Systems[0].ToString().ShouldNotContain(Leak);
            configuration.Systems[0].Auth.ToString().ShouldNotContain(Leak);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
