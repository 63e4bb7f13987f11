using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Switchboard.Server.Health;

/// <summary>
/// With a <c>redis</c> section: ready when the Redis server that carries the desktop pushes answers a ping within two
/// seconds. Without Redis the hub still serves, but pushes from other hub processes do not reach its desktops.
/// </summary>
public sealed class RedisHealthCheck(string connectionString) : IHealthCheck, IAsyncDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);
    private readonly ConfigurationOptions _options = Options(connectionString);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    /// <summary>Where the server is, for the report: its endpoints, never the password.</summary>
    public string Description => "redis " + string.Join(",", _options.EndPoints.Select(EndPointCollection.ToString));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"{Description}: answered in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutException ? $"no answer within {PingTimeout.TotalSeconds:0} s" : ex.Message;
            return HealthCheckResult.Unhealthy($"{Description}: unreachable, so pushes from other hub processes do not reach this one's desktops: {reason}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken ct)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(ct);
        try
        {
            // Not aborting on a failed first connect: the multiplexer keeps trying in the background and a later check sees it.
            return _connection ??= await ConnectionMultiplexer.ConnectAsync(_options);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)PingTimeout.TotalMilliseconds;
        return options;
    }
}
