using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_fails_while_the_database_is_unreachable_and_liveness_holds()
    {
        await using var hub = await TestHub.StartAsync(TestStorage.UnreachablePostgreSql);
        var client = hub.Client();

        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Unhealthy");
        var description = body.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString()!;
        description.ShouldContain("PostgreSQL", Case.Insensitive);
        description.ShouldNotContain("Password", Case.Insensitive);
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_a_redis_section_readiness_follows_the_redis_server_and_never_shows_its_password()
    {
        var variable = $"SWITCHBOARD_TEST_REDIS_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, $"127.0.0.1:{TestHub.UnusedPort()},password=hunter2-secret,connectTimeout=500");
        var yaml = TestHub.RedisYaml(variable);
        await using (var down = await TestHub.StartAsync(configure: d => d.Write("switchboard.yaml", d.Read("switchboard.yaml") + yaml)))
        {
            var ready = await down.Client().GetAsync("/health/ready");

            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var redis = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("redis");
            redis.GetProperty("status").GetString().ShouldBe("Unhealthy");
            var description = redis.GetProperty("description").GetString()!;
            description.ShouldStartWith("redis 127.0.0.1:");
            description.ShouldContain("unreachable, so pushes from other hub processes do not reach this one's desktops");
            description.ShouldNotContain("hunter2");
        }

        yaml = TestHub.RedisYaml();
        await using var up = await TestHub.StartAsync(configure: d => d.Write("switchboard.yaml", d.Read("switchboard.yaml") + yaml));
        var healthy = await up.Client().GetAsync("/health/ready");
        healthy.StatusCode.ShouldBe(HttpStatusCode.OK, await healthy.Content.ReadAsStringAsync());
        (await healthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_hub_on_a_new_database_starts_without_logging_an_error(TestStorage storage)
    {
        // The sign-in cookies' key ring lives in the database: it was once read before the schema existed.
        await using var hub = await TestHub.StartAsync(storage);

        (await hub.Client().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        hub.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
            .Select(e => $"{e.Category}: {e.Message} {e.Exception?.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_hub_serves_https_only()
    {
        await using var hub = await TestHub.StartAsync();
        var plain = new UriBuilder(hub.Address) { Scheme = "http" }.Uri;
        using var client = new HttpClient { BaseAddress = plain, Timeout = TimeSpan.FromSeconds(5) };

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("/health/live"));
    }

    [Fact]
    public async Task The_development_certificate_is_made_once_and_reused()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));
        var first = Switchboard.Server.Hosting.DevelopmentCertificate.LoadOrCreate(Path.Combine(directory.Path, "data"), TimeProvider.System);
        var second = Switchboard.Server.Hosting.DevelopmentCertificate.LoadOrCreate(Path.Combine(directory.Path, "data"), TimeProvider.System);

        first.Created.ShouldBeTrue();
        second.Created.ShouldBeFalse();
        second.Certificate.Thumbprint.ShouldBe(first.Certificate.Thumbprint);
        second.Certificate.HasPrivateKey.ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Switchboard.Server.Hosting.DevelopmentCertificate.PathIn(Path.Combine(directory.Path, "data")))
                .ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
