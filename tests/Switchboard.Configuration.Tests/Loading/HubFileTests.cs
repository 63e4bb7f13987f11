using System.Net;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class HubFileTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void An_empty_hub_file_takes_every_default()
    {
        var configuration = _config.Valid();

        configuration.Directory.ShouldBe(_config.Path);
        configuration.Hub.Name.ShouldBe("Switchboard");
        configuration.Hub.DataDirectory.ShouldBe(Path.Combine(_config.Path, "data"));
        configuration.Server.Address.ShouldBe(IPAddress.Loopback);
        configuration.Server.HttpsPort.ShouldBe(5443);
        configuration.Server.Certificate.ShouldBeNull();
        configuration.Server.Limits.MaxRequestBodyBytes.ShouldBe(1024 * 1024);
        configuration.Server.Limits.MaxBatchSize.ShouldBe(500);
        configuration.Storage.Provider.ShouldBe(StorageProvider.Sqlite);
        configuration.Storage.Durability.ShouldBe(StorageDurability.Process);
        configuration.Storage.Sqlite.Path.ShouldBe(Path.Combine(_config.Path, "data", "switchboard.db"));
        configuration.Phone.DefaultRegion.ShouldBe("US");
        configuration.Logging.Level.ShouldBe(LogLevel.Information);
        configuration.Logging.Format.ShouldBe(LogFormat.Json);
        configuration.Systems.ShouldBeEmpty();
        configuration.Flows.ShouldBeEmpty();
        configuration.Redis.ShouldBeNull();
    }

    [Fact]
    public void Every_hub_field_is_bound_and_relative_paths_resolve()
    {
        _config.Write("switchboard.yaml", """
            hub:
              name: Demo Contact Center
              dataDirectory: state
            server:
              address: 0.0.0.0
              httpsPort: 0
              certificate:
                path: certs/hub.pfx
                password: ${env:SWITCHBOARD_CERT_PASSWORD}
              limits:
                maxRequestBodyBytes: 2048
                maxBatchSize: 10
            storage:
              provider: postgresql
              durability: power
              sqlite:
                path: /var/lib/switchboard/hub.db
              postgresql:
                connectionString: ${env:SWITCHBOARD_POSTGRES}
            phone:
              defaultRegion: gb
            logging:
              level: Debug
              format: text
            """);

        var configuration = _config.Valid();

        configuration.Hub.Name.ShouldBe("Demo Contact Center");
        configuration.Hub.DataDirectory.ShouldBe(Path.Combine(_config.Path, "state"));
        configuration.Server.Address.ShouldBe(IPAddress.Any);
        configuration.Server.HttpsPort.ShouldBe(0);
        configuration.Server.Certificate!.Path.ShouldBe(Path.Combine(_config.Path, "certs", "hub.pfx"));
        configuration.Server.Certificate.Password!.ToString().ShouldBe("${env:SWITCHBOARD_CERT_PASSWORD}");
        configuration.Server.Limits.ShouldBe(new ServerLimits { MaxRequestBodyBytes = 2048, MaxBatchSize = 10 });
        configuration.Storage.Provider.ShouldBe(StorageProvider.Postgresql);
        configuration.Storage.Durability.ShouldBe(StorageDurability.Power);
        configuration.Storage.Sqlite.Path.ShouldBe("/var/lib/switchboard/hub.db");
        configuration.Storage.Postgresql!.ConnectionString.Name.ShouldBe("SWITCHBOARD_POSTGRES");
        configuration.Phone.DefaultRegion.ShouldBe("GB");
        configuration.Logging.Level.ShouldBe(LogLevel.Debug);
        configuration.Logging.Format.ShouldBe(LogFormat.Text);
    }

    [Fact]
    public void A_redis_section_names_the_backplane_by_reference_and_its_channel_prefix()
    {
        _config.Write("switchboard.yaml", """
            redis:
              connectionString: ${env:SWITCHBOARD_REDIS}
            """);
        var plain = _config.Valid().Redis.ShouldNotBeNull();
        plain.ConnectionString.Name.ShouldBe("SWITCHBOARD_REDIS");
        plain.ChannelPrefix.ShouldBe("switchboard");

        _config.Write("switchboard.yaml", """
            redis:
              connectionString: ${env:SWITCHBOARD_REDIS}
              channelPrefix: acme:prod
            """);
        _config.Valid().Redis!.ChannelPrefix.ShouldBe("acme:prod");
    }

    [Fact]
    public void A_redis_section_without_a_reference_or_with_a_bad_prefix_is_refused_where_it_is_wrong()
    {
        _config.Write("switchboard.yaml", """
            redis:
              channelPrefix: acme
            """);
        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 3, "redis.connectionString", null, "is required");

        _config.Write("switchboard.yaml", """
            redis:
              connectionString: 127.0.0.1:6379,password=hunter2
            """);
        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 21, "redis.connectionString", null,
            "secrets must be references like ${env:NAME} so they never sit in files");

        _config.Write("switchboard.yaml", """
            redis:
              connectionString: ${env:SWITCHBOARD_REDIS}
              channelPrefix: has space
            """);
        _config.SingleError().ShouldBeAt("switchboard.yaml", 3, 18, "redis.channelPrefix", "has space", "must be 1 to 100 letters, digits, '.', '-', '_' or ':'");
    }

    [Fact]
    public void A_misspelt_field_is_unknown_and_the_closest_field_is_suggested()
    {
        _config.Write("switchboard.yaml", """
            server:
              adress: 127.0.0.1
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 3, "server.adress", null,
            "unknown field 'adress'; did you mean 'address'?");
    }

    [Fact]
    public void An_unknown_field_far_from_every_known_one_gets_no_suggestion()
    {
        _config.Write("switchboard.yaml", "telemetry: on");

        _config.SingleError().ShouldBeAt("switchboard.yaml", 1, 1, "telemetry", null, "unknown field 'telemetry'");
    }

    [Fact]
    public void A_port_that_is_not_a_number_is_a_type_error()
    {
        _config.Write("switchboard.yaml", """
            server:
              httpsPort: abc
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 14, "server.httpsPort", "abc", "is not a whole number");
    }

    [Fact]
    public void A_port_out_of_range_names_the_range()
    {
        _config.Write("switchboard.yaml", """
            server:
              httpsPort: 70000
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 14, "server.httpsPort", "70000", "is not between 0 and 65535");
    }

    [Fact]
    public void A_body_limit_below_one_kibibyte_is_out_of_range()
    {
        _config.Write("switchboard.yaml", """
            server:
              limits:
                maxRequestBodyBytes: 512
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 3, 26, "server.limits.maxRequestBodyBytes", "512",
            "is not between 1024 and 104857600");
    }

    [Fact]
    public void A_bad_enum_value_lists_the_allowed_values()
    {
        _config.Write("switchboard.yaml", """
            logging:
              level: Verbose
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 10, "logging.level", "Verbose",
            "is not one of Trace, Debug, Information, Warning, Error, Critical");
    }

    [Fact]
    public void An_address_that_is_not_an_ip_address_is_refused()
    {
        _config.Write("switchboard.yaml", """
            server:
              address: localhost:80
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 12, "server.address", "localhost:80",
            "is not an IP address (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)");
    }

    [Fact]
    public void An_unknown_phone_region_is_refused()
    {
        _config.Write("switchboard.yaml", """
            phone:
              defaultRegion: XX
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 18, "phone.defaultRegion", "XX",
            "is not a region libphonenumber knows (ISO 3166 codes such as US, GB, DE)");
    }

    [Fact]
    public void Postgresql_without_a_connection_string_is_an_error()
    {
        _config.Write("switchboard.yaml", """
            storage:
              provider: postgresql
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 3, "storage.postgresql.connectionString", null,
            "is required when storage.provider is postgresql");
    }

    [Fact]
    public void A_certificate_without_a_path_is_missing_a_required_field()
    {
        _config.Write("switchboard.yaml", """
            server:
              certificate:
                password: ${env:CERT_PASSWORD}
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 3, 5, "server.certificate.path", null, "is required");
    }

    [Fact]
    public void A_section_written_as_a_single_value_is_a_type_error()
    {
        _config.Write("switchboard.yaml", "server: 5443");

        _config.SingleError().ShouldBeAt("switchboard.yaml", 1, 9, "server", "5443", "should be a mapping of fields (key: value lines)");
    }

    [Fact]
    public void A_list_where_a_single_value_belongs_is_a_type_error()
    {
        _config.Write("switchboard.yaml", """
            hub:
              name: [a, b]
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 9, "hub.name", null, "should be a single value, not a list");
    }
}
