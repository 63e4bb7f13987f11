using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class SystemFileTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void A_full_rest_system_is_bound_with_its_operations()
    {
        _config.Write("systems/crm.yaml", """
            name: demo-crm
            kind: crm
            protocol: rest
            mode: shadow
            address: http://127.0.0.1:5081/
            allowedHosts: [127.0.0.1, "*.example.com"]
            auth:
              type: apiKey
              header: X-Key
              key: ${env:DEMO_CRM_KEY}
            timeouts:
              requestSeconds: 2.5
            retry:
              maxAttempts: 5
              baseDelayMs: 100
            circuitBreaker: { failureRatio: 0.25, breakSeconds: 10 }
            rateLimit: { perSecond: 20 }
            concurrency: 4
            operations:
              customer.findByPhone:
                method: get
                path: /api/contacts?phone={{ phone | url_encode }}
                headers: { Accept: application/json }
                body: null
                response:
                  items: $.records[*]
                  fields:
                    externalId: $.id
                    displayName: $.name
              crm.custom.ping:
                method: POST
                path: /ping
                body: '{ "ping": true }'
            """);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();

        system.Name.ShouldBe("demo-crm");
        system.File.ShouldBe("systems/crm.yaml");
        system.Kind.ShouldBe(SystemKind.Crm);
        system.Protocol.ShouldBe(SystemProtocol.Rest);
        system.Mode.ShouldBe(RolloutMode.Shadow);
        system.AddressUri.ShouldBe(new Uri("http://127.0.0.1:5081/"));
        system.AllowedHosts.ShouldBe(["127.0.0.1", "*.example.com"]);
        system.Auth.Type.ShouldBe(AuthType.ApiKey);
        system.Auth.Header.ShouldBe("X-Key");
        system.Auth.Key!.ToString().ShouldBe("${env:DEMO_CRM_KEY}");
        system.Timeouts.Request.ShouldBe(TimeSpan.FromSeconds(2.5));
        system.Retry.ShouldBe(new RetrySettings { MaxAttempts = 5, BaseDelayMs = 100 });
        system.CircuitBreaker.ShouldBe(new CircuitBreakerSettings { FailureRatio = 0.25, BreakSeconds = 10 });
        system.RateLimit!.PerSecond.ShouldBe(20);
        system.Concurrency.ShouldBe(4);

        var find = system.Operations[OperationNames.CustomerFindByPhone];
        find.Method.ShouldBe(OperationMethod.Get);
        find.Path.ShouldBe("/api/contacts?phone={{ phone | url_encode }}");
        find.Headers["accept"].ShouldBe("application/json");
        find.Body.ShouldBeNull();
        find.Response!.Items.ShouldBe("$.records[*]");
        find.Response.Fields.ToDictionary(f => f.Key, f => f.Value.Path).ShouldBe(new Dictionary<string, string?> { ["externalId"] = "$.id", ["displayName"] = "$.name" });
        system.Operations["crm.custom.ping"].Body.ShouldBe("{ \"ping\": true }");
    }

    [Fact]
    public void Defaults_apply_to_a_minimal_system()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: https://crm.example.com/api/
            """);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();

        system.Kind.ShouldBe(SystemKind.Other);
        system.Mode.ShouldBe(RolloutMode.Off);
        system.AllowedHosts.ShouldBe(["crm.example.com"]);
        system.Auth.Type.ShouldBe(AuthType.None);
        system.Timeouts.RequestSeconds.ShouldBe(10);
        system.Retry.MaxAttempts.ShouldBe(3);
        system.Retry.BaseDelayMs.ShouldBe(200);
        system.CircuitBreaker.FailureRatio.ShouldBe(0.5);
        system.CircuitBreaker.BreakSeconds.ShouldBe(30);
        system.RateLimit.ShouldBeNull();
        system.Concurrency.ShouldBe(16);
        system.Operations.ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_method_lists_the_allowed_methods()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1:5081/
            operations:
              customer.findByPhone:
                method: FETCH
                path: /api/contacts
            """);

        var error = _config.SingleError();

        error.ShouldBeAt("systems/crm.yaml", 6, 13, "operations.customer.findByPhone.method", "FETCH",
            "is not one of GET, POST, PUT, PATCH, DELETE");
        error.ToString().ShouldBe(
            "systems/crm.yaml:6:13: operations.customer.findByPhone.method: 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE");
    }

    [Fact]
    public void A_misspelt_system_field_suggests_the_right_one()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            adress: http://127.0.0.1:5081/
            address: http://127.0.0.1:5081/
            """);

        var error = _config.SingleError();

        error.ShouldBeAt("systems/crm.yaml", 3, 1, "adress", null, "unknown field 'adress'; did you mean 'address'?");
        error.ToString().ShouldBe("systems/crm.yaml:3:1: adress: unknown field 'adress'; did you mean 'address'?");
    }

    [Fact]
    public void Missing_required_fields_are_each_reported()
    {
        _config.Write("systems/crm.yaml", "kind: crm");

        var result = _config.Load();

        result.Errors.Select(e => (e.Field, e.Reason)).ShouldBe([("name", "is required"), ("protocol", "is required"), ("address", "is required")]);
        result.Errors.ShouldAllBe(e => e.File == "systems/crm.yaml" && e.Line == 1 && e.Column == 1 && e.Value == null);
    }

    [Fact]
    public void An_address_is_required()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 1, 1, "address", null, "is required");
    }

    [Fact]
    public void A_name_with_capitals_or_spaces_is_refused()
    {
        _config.Write("systems/crm.yaml", """
            name: Demo CRM
            protocol: rest
            address: http://127.0.0.1:5081/
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 1, 7, "name", "Demo CRM",
            "is not a valid name: use lowercase letters, digits and '-' (64 characters at most)");
    }

    [Theory]
    [InlineData("rest", "127.0.0.1:5081", "is not an absolute http or https URI (for example https://crm.example.com/)")]
    [InlineData("soap", "ftp://erp.example.com/", "is not an absolute http or https URI (for example https://crm.example.com/)")]
    [InlineData("amqp", "http://broker:5672/", "is not an absolute amqp or amqps URI (for example amqp://broker:5672/)")]
    public void An_address_must_suit_the_protocol(string protocol, string address, string reason)
    {
        _config.Write("systems/x.yaml", $"""
            name: x
            protocol: {protocol}
            address: {address}
            """);

        _config.SingleError().ShouldBeAt("systems/x.yaml", 3, 10, "address", address, reason);
    }

    [Fact]
    public void A_sql_address_is_a_connection_string_reference()
    {
        _config.Write("systems/db.yaml", """
            name: legacy-db
            protocol: sql
            address: ${env:LEGACY_DB}
            """);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();

        system.ConnectionString!.Name.ShouldBe("LEGACY_DB");
        system.Address.ShouldBe("${env:LEGACY_DB}");
        system.AllowedHosts.ShouldBeEmpty();
    }

    [Fact]
    public void A_sql_connection_string_written_inline_is_refused_without_echoing_it()
    {
        _config.Write("systems/db.yaml", """
            name: legacy-db
            protocol: sql
            address: Host=db;Password=hunter2
            """);

        var error = _config.SingleError();

        error.ShouldBeAt("systems/db.yaml", 3, 10, "address", null,
            "secrets must be references like ${env:NAME} so they never sit in files");
        error.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_file_system_address_is_a_folder_relative_to_the_configuration()
    {
        _config.Write("systems/drop.yaml", """
            name: drop
            protocol: file
            address: inbox/orders
            """);

        _config.Valid().Systems[0].Folder.ShouldBe(Path.Combine(_config.Path, "inbox", "orders"));
    }

    [Fact]
    public void Allowed_hosts_must_include_the_address_host()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://crm.internal:8080/
            allowedHosts: [other.internal]
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 4, 15, "allowedHosts", null,
            "does not include the address's host 'crm.internal', so every call to the system would be refused");
    }

    [Fact]
    public void An_allowed_host_with_a_scheme_is_refused()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://crm.internal/
            allowedHosts:
              - crm.internal
              - http://evil.example.com/
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 6, 5, "allowedHosts[1]", "http://evil.example.com/",
            "is not a host name or IP address (no scheme, port or path; '*.example.com' allows subdomains)");
    }

    [Theory]
    [InlineData("timeouts:\n  requestSeconds: 0.05", 2, 19, "timeouts.requestSeconds", "0.05", "is not between 0.1 and 300")]
    [InlineData("timeouts:\n  requestSeconds: soon", 2, 19, "timeouts.requestSeconds", "soon", "is not a number")]
    [InlineData("retry:\n  maxAttempts: 21", 2, 16, "retry.maxAttempts", "21", "is not between 1 and 20")]
    [InlineData("retry:\n  maxAttempts: 2.5", 2, 16, "retry.maxAttempts", "2.5", "is not a whole number")]
    [InlineData("circuitBreaker: { failureRatio: 1.5 }", 1, 33, "circuitBreaker.failureRatio", "1.5", "is not between 0.01 and 1")]
    [InlineData("rateLimit: { perSecond: 0 }", 1, 25, "rateLimit.perSecond", "0", "is not between 1 and 100000")]
    [InlineData("concurrency: -1", 1, 14, "concurrency", "-1", "is not between 1 and 1024")]
    [InlineData("mode: live", 1, 7, "mode", "live", "is not one of off, shadow, pilot, on")]
    [InlineData("kind: warehouse", 1, 7, "kind", "warehouse", "is not one of crm, erp, ticketing, contactCenter, other")]
    public void Out_of_range_and_ill_typed_values_are_reported_where_they_are(
        string yaml, int line, int column, string field, string value, string reason)
    {
        _config.Write("systems/crm.yaml", yaml + "\nname: crm\nprotocol: rest\naddress: http://127.0.0.1/");

        _config.SingleError().ShouldBeAt("systems/crm.yaml", line, column, field, value, reason);
    }

    [Fact]
    public void A_rest_operation_needs_a_path()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            operations:
              customer.get:
                method: GET
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 6, 5, "operations.customer.get.path", null, "is required");
    }

    [Fact]
    public void An_operation_name_with_spaces_is_refused()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            operations:
              find customer:
                path: /x
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 5, 3, "operations.find customer", null,
            "'find customer' is not a valid operation name: use letters and digits in dot-separated parts, like customer.findByPhone");
    }

    [Fact]
    public void An_unknown_operation_field_suggests_the_right_one()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            operations:
              customer.get:
                path: /x
                reponse: { fields: { externalId: $.id } }
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 7, 5, "operations.customer.get.reponse", null,
            "unknown field 'reponse'; did you mean 'response'?");
    }

    [Fact]
    public void A_header_repeated_in_another_case_is_refused()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            operations:
              customer.get:
                path: /x
                headers:
                  Accept: application/json
                  accept: text/xml
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 9, 7, "operations.customer.get.headers.accept", null,
            "repeats the header 'accept' (header names ignore case)");
    }

    [Fact]
    public void Non_secret_fields_keep_references_as_text()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: http://127.0.0.1/
            operations:
              customer.get:
                path: /x
                headers: { X-Tenant: "${env:TENANT}" }
            """);

        _config.Valid().Systems[0].Operations["customer.get"].Headers["X-Tenant"].ShouldBe("${env:TENANT}");
    }
}
