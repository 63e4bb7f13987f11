using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class AuthSectionTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Auth_fields_of_another_type_are_refused_without_echoing_them()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            auth:
              type: apiKey
              key: ${env:CRM_KEY}
              password: ${env:CRM_PASSWORD}
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 7, 3, "auth.password", null,
            "is not used by auth type apiKey (it uses in, header, parameter, key)");
    }

    [Fact]
    public void Each_auth_type_requires_its_own_fields()
    {
        _config.Write("systems/a.yaml", "name: a\nprotocol: rest\naddress: http://a/\nauth:\n  type: basic");
        _config.Write("systems/b.yaml", "name: b\nprotocol: rest\naddress: http://b/\nauth:\n  type: oauth2\n  tokenUrl: not a url");
        _config.Write("systems/c.yaml", "name: c\nprotocol: rest\naddress: http://c/\nauth:\n  type: mtls");
        _config.Write("systems/d.yaml", "name: d\nprotocol: rest\naddress: http://d/\nauth:\n  type: kerberos");

        var errors = _config.Load().Errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Field} {e.Value} {e.Reason}");

        errors.ShouldBe([
            "systems/a.yaml:5:3 auth.username  is required",
            "systems/a.yaml:5:3 auth.password  is required",
            "systems/b.yaml:5:3 auth.clientId  is required",
            "systems/b.yaml:5:3 auth.clientSecret  is required",
            "systems/b.yaml:6:13 auth.tokenUrl not a url is not an absolute http or https URI",
            "systems/c.yaml:5:3 auth.certificate  is required",
            "systems/d.yaml:5:9 auth.type kerberos is not one of none, apiKey, basic, oauth2, mtls, custom",
        ]);
    }

    [Fact]
    public void Oauth2_and_mtls_settings_are_bound()
    {
        _config.Write("systems/a.yaml", """
            name: a
            protocol: rest
            address: https://api.example.com/
            auth:
              type: oauth2
              tokenUrl: https://login.example.com/oauth2/token
              clientId: switchboard
              clientSecret: ${file:secrets/a-client-secret}
              scope: api.read api.write
            """);
        _config.Write("certs/client.pfx", "read when the connector starts");
        _config.Write("systems/b.yaml", """
            name: b
            protocol: soap
            address: https://erp.example.com/soap
            auth:
              type: mtls
              certificate: certs/client.pfx
              certificatePassword: ${env:B_CERT_PASSWORD}
            """);

        var systems = _config.Valid().Systems;

        systems[0].Auth.TokenUrl.ShouldBe(new Uri("https://login.example.com/oauth2/token"));
        systems[0].Auth.ClientId.ShouldBe("switchboard");
        systems[0].Auth.ClientSecret!.FullPath.ShouldBe(Path.Combine(_config.Path, "secrets", "a-client-secret"));
        systems[0].Auth.Scope.ShouldBe("api.read api.write");
        systems[1].Auth.Certificate.ShouldBe(Path.Combine(_config.Path, "certs", "client.pfx"));
        systems[1].Auth.CertificatePassword!.Name.ShouldBe("B_CERT_PASSWORD");
    }
}
