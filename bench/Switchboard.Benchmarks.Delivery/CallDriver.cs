using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;

namespace Switchboard.Benchmarks.Delivery;

/// <summary>
/// The load generator, the same for every system under test: a closed loop of <c>concurrency</c> workers
/// over keep-alive HTTP/1.1 connections, each posting one call's completed wrap-up and sending the next
/// when the answer came back. Every call is its own interaction: <c>callId</c> <c>bench-{run}-{i}</c>.
/// </summary>
internal sealed class CallDriver : IDisposable
{
    private readonly HttpClient _client;
    private readonly DeliveryOptions _options;

    public CallDriver(DeliveryOptions options)
    {
        _options = options;
        var loopback = IsLoopback(options.Target);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // The hub serves HTTPS with a self-signed development certificate; only on loopback is any certificate fine.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, errors) => loopback || errors == SslPolicyErrors.None },
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, value) in options.Headers)
        {
            _client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }
    }

    public static string CallId(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"bench-{run}-{i}");

    /// <summary>Sends <paramref name="count"/> calls tagged <paramref name="run"/> and returns when all were answered.</summary>
    public async Task<SentCalls> SendAsync(string run, int count, CancellationToken cancellationToken)
    {
        var calls = new SentCalls(Enumerable.Range(0, count).Select(i => CallId(run, i)).ToArray());
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(_options.Concurrency, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await SendOneAsync(calls, i, cancellationToken);
            }
        });
        await Task.WhenAll(workers);
        return calls;
    }

    public void Dispose() => _client.Dispose();

    private async Task SendOneAsync(SentCalls calls, int i, CancellationToken cancellationToken)
    {
        var callId = calls.CallIds[i];
        var occurredAt = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var json = $$"""{"eventId":"{{callId}}-w","type":"call.wrapup_completed","callId":"{{callId}}","occurredAt":"{{occurredAt}}","agentId":"agent-1","disposition":"resolved","notes":"bench"}""";
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        calls.Sent[i] = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.PostAsync(_options.Target, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                calls.Acked[i] = Stopwatch.GetTimestamp();
            }
            else
            {
                calls.FirstError ??= $"{callId}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            calls.FirstError ??= $"{callId}: {ex.GetType().Name}: {ex.Message}";
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IdnHost == "localhost" || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
