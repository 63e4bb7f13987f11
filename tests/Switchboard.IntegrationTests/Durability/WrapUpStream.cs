using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.IntegrationTests.Durability;

/// <summary>
/// A contact center that keeps sending while the hub dies: <c>calls</c> calls, each one <c>call.wrapup_completed</c>
/// event for a call the hub has not seen (it creates the interaction and completes it), posted to
/// <c>/api/v1/events/batch</c> in batches by a few concurrent senders at a steady pace (batch <c>b</c> leaves no earlier
/// than <c>b × batchSize / eventsPerSecond</c> after the start, so the flow spans the kills). A batch that fails (connection refused or reset
/// while the hub is down, a 5xx while it comes up) is sent again, byte for byte, until the hub acknowledges it; a batch
/// committed just before a kill is acknowledged again as duplicates, without a second effect.
/// </summary>
internal sealed class WrapUpStream(HttpClient client, string prefix, int calls, int batchSize, int eventsPerSecond, TimeProvider clock)
{
    private int _acknowledged;
    private int _duplicates;
    private int _failedSends;

    /// <summary>Events the hub acknowledged (202) so far.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Events of resent batches the hub answered as <c>duplicate</c>: it had committed them before the kill cut its answer.</summary>
    public int AcknowledgedAsDuplicates => Volatile.Read(ref _duplicates);

    /// <summary>Sends that failed and were repeated.</summary>
    public int FailedSends => Volatile.Read(ref _failedSends);

    public static string CallIdOf(string prefix, int n) => $"{prefix}-call-{n:D5}";

    /// <summary>Sends every batch until it is acknowledged; throws on an answer that is neither 202 nor a 5xx (a broken request never succeeds).</summary>
    public async Task RunAsync(int senders, CancellationToken ct)
    {
        var next = -1;
        var batches = (calls + batchSize - 1) / batchSize;
        var started = clock.GetTimestamp();

        async Task SendAsync()
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) < batches)
            {
                var due = TimeSpan.FromSeconds((double)batch * batchSize / eventsPerSecond) - clock.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, clock, ct);
                }

                await SendUntilAcknowledgedAsync(Body(batch), ct);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(SendAsync, ct)));
    }

    /// <summary>The batch's JSON, fixed at its first send (occurredAt is then), so every resend carries the same events.</summary>
    private string Body(int batch)
    {
        var now = clock.GetUtcNow();
        var first = batch * batchSize;
        var events = Enumerable.Range(first, Math.Min(batchSize, calls - first)).Select(n => new
        {
            eventId = $"{prefix}-wrapup-{n:D5}",
            type = "call.wrapup_completed",
            occurredAt = now,
            callId = CallIdOf(prefix, n),
            agentId = "agent-1",
            from = "+14155550134",
            disposition = "resolved",
        });
        return JsonSerializer.Serialize(new { events });
    }

    private async Task SendUntilAcknowledgedAsync(string body, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/api/v1/events/batch", UriKind.Relative), content, ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    Interlocked.Add(ref _acknowledged, answer.GetProperty("accepted").GetInt32() + answer.GetProperty("duplicates").GetInt32());
                    Interlocked.Add(ref _duplicates, answer.GetProperty("duplicates").GetInt32());
                    return;
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"the hub refused a batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The hub is down or went down mid-request: not acknowledged, so the batch is sent again.
            }

            Interlocked.Increment(ref _failedSends);
            await Task.Delay(100, ct);
        }
    }
}
