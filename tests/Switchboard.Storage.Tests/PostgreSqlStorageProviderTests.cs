using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Storage.Tests;

/// <summary>What the PostgreSQL provider does without a working server; needs no server itself.</summary>
public sealed class PostgreSqlStorageProviderTests
{
    [Fact]
    public async Task Ping_throws_quickly_when_nothing_listens()
    {
        await using var provider = Provider("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres");
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<Exception>(() => provider.PingAsync(CancellationToken.None));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Ping_gives_up_after_its_timeout_when_the_server_never_answers()
    {
        // Accepts the TCP connection and never says a word, like a hung server or a black-holed route.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepting = silent.AcceptTcpClientAsync();
        await using var provider = Provider($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30");
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<TimeoutException>(() => provider.PingAsync(CancellationToken.None));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(PostgreSqlStorageProvider.PingTimeout - TimeSpan.FromMilliseconds(100));
        (await accepting).Dispose();
    }

    [Fact]
    public async Task Description_never_contains_the_password()
    {
        await using var provider = Provider("Host=db.example.com;Port=5433;Username=hub;Password=s3cr3t-Pa55;Database=switchboard");

        provider.Description.ShouldNotContain("s3cr3t-Pa55");
        provider.Description.ShouldContain("db.example.com:5433/switchboard");
        provider.Description.ShouldContain("hub");
    }

    [Fact]
    public void A_missing_connection_string_is_rejected()
    {
        Should.Throw<ArgumentException>(() => new PostgreSqlStorageProvider(new StorageOptions { Provider = StorageProviderKind.PostgreSql }))
            .Message.ShouldContain("PostgreSqlConnectionString");
    }

    [Fact]
    public void Pooled_connections_are_not_reset_and_repeated_statements_are_prepared_by_default()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder("Host=db;Username=hub;Database=switchboard");

        PostgreSqlStorageProvider.ApplyDefaults(builder, "Host=db;Username=hub;Database=switchboard");

        builder.NoResetOnClose.ShouldBeTrue();
        builder.MaxAutoPrepare.ShouldBe(64);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=False;MAXAUTOPREPARE=0")]
    public void What_the_connection_string_says_wins_over_the_defaults(string given)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(given);

        PostgreSqlStorageProvider.ApplyDefaults(builder, given);

        builder.NoResetOnClose.ShouldBeFalse();
        builder.MaxAutoPrepare.ShouldBe(0);
    }

    private static PostgreSqlStorageProvider Provider(string connectionString) =>
        new(new StorageOptions { Provider = StorageProviderKind.PostgreSql, PostgreSqlConnectionString = connectionString });
}
