using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Support;

/// <summary>The CRM stand-in the delivery tests and bench/delivery.sh count writes with, over real HTTP.</summary>
public sealed class CountingReceiverTests : IAsyncLifetime
{
    private CountingReceiver _receiver = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _receiver = await CountingReceiver.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = _receiver.Address };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_write_is_answered_201_with_an_id_and_recorded_with_its_call_id_and_arrival()
    {
        var before = Stopwatch.GetTimestamp();

        var response = await PostAsync("/activities", "call-logging:i-1", new { callId = "c-1", notes = "hello" });

        var after = Stopwatch.GetTimestamp();
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        id.ShouldNotBeNullOrEmpty();
        response.Headers.Location!.ToString().ShouldBe($"/activities/{id}");
        (_receiver.Distinct, _receiver.Duplicates, _receiver.Total, _receiver.Refused).ShouldBe((1, 0, 1, 0));
        var arrival = _receiver.ArrivalsByCallId["c-1"].ShouldHaveSingleItem();
        arrival.ShouldBe(arrival with { Path = "/activities", IdempotencyKey = "call-logging:i-1", CallId = "c-1", Id = id!, Duplicate = false });
        arrival.Timestamp.ShouldBeInRange(before, after);
        _receiver.CountOf("call-logging:i-1").ShouldBe(1);
    }

    [Fact]
    public async Task Each_write_names_the_process_holding_its_connection_and_a_process_that_holds_none_is_not_named()
    {
        _receiver.IdentifySender = port => SocketOwner.Find(port, _receiver.Port, [Environment.ProcessId])?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await IdOfAsync(await PostAsync("/activities", "k-1", new { callId = "c-1" }));
        _receiver.IdentifySender = port => SocketOwner.Find(port, _receiver.Port, [1])?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var fresh = new HttpClient { BaseAddress = _receiver.Address })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/activities") { Content = JsonContent.Create(new { callId = "c-2" }) };
            request.Headers.Add(CountingReceiver.IdempotencyKeyHeader, "k-2");
            await IdOfAsync(await fresh.SendAsync(request));
        }

        _receiver.ArrivalsByCallId["c-1"].ShouldHaveSingleItem().Sender.ShouldBe(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _receiver.ArrivalsByCallId["c-2"].ShouldHaveSingleItem().Sender.ShouldBeNull("process 1 holds no socket to the receiver");
    }

    [Fact]
    public async Task A_repeated_key_is_answered_with_the_first_id_and_counted_as_a_duplicate()
    {
        var first = await IdOfAsync(await PostAsync("/activities", "k-1", new { callId = "c-1" }));
        var second = await IdOfAsync(await PostAsync("/activities", "k-1", new { callId = "c-1" }));
        var other = await IdOfAsync(await PostAsync("/tasks", "k-2", new { callId = "c-2" }));

        second.ShouldBe(first);
        other.ShouldNotBe(first);
        (_receiver.Distinct, _receiver.Duplicates, _receiver.Total).ShouldBe((2, 1, 3));
        _receiver.DuplicateKeys.ShouldBe(["k-1"]);
        _receiver.CountOf("k-1").ShouldBe(2);
        _receiver.ArrivalsByCallId["c-1"].Select(a => a.Duplicate).ShouldBe([false, true]);
        _receiver.ArrivalsByCallId["c-2"].ShouldHaveSingleItem().Path.ShouldBe("/tasks");
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_or_with_a_body_that_is_not_json_is_refused_with_400()
    {
        var noKey = await _client.PostAsJsonAsync("/activities", new { callId = "c-1" });
        using var notJson = new HttpRequestMessage(HttpMethod.Post, "/activities") { Content = new StringContent("callId=c-1", Encoding.UTF8, "text/plain") };
        notJson.Headers.Add(CountingReceiver.IdempotencyKeyHeader, "k-1");
        var badBody = await _client.SendAsync(notJson);

        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noKey.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
        badBody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (_receiver.Distinct, _receiver.Total, _receiver.Refused).ShouldBe((0, 0, 2));
        _receiver.Arrivals.ShouldBeEmpty();
    }

    [Fact]
    public async Task While_down_it_answers_503_and_records_nothing_then_accepts_the_same_key_once_back()
    {
        _receiver.Down = true;
        var whileDown = await PostAsync("/activities", "k-1", new { callId = "c-1" });
        _receiver.Down = false;
        var afterwards = await PostAsync("/activities", "k-1", new { callId = "c-1" });

        whileDown.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Created);
        (_receiver.Distinct, _receiver.Duplicates, _receiver.Refused).ShouldBe((1, 0, 1));
    }

    [Fact]
    public async Task A_delay_holds_the_answer_back_but_the_write_is_recorded_on_arrival()
    {
        // 2 s: the first request's cold start (connection, JIT) on a busy CI machine must not reach the delay.
        _receiver.Delay = TimeSpan.FromMilliseconds(2000);
        var started = Stopwatch.GetTimestamp();

        var pending = PostAsync("/activities", "k-1", new { callId = "c-1" });
        await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(5));
        var recorded = Stopwatch.GetElapsedTime(started);
        var response = await pending;

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        Stopwatch.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(2000));
        recorded.ShouldBeLessThan(TimeSpan.FromMilliseconds(2000));
    }

    [Fact]
    public async Task WaitFor_ends_when_enough_distinct_keys_arrived_and_times_out_with_the_counts_otherwise()
    {
        var waiting = _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
        await PostAsync("/activities", "k-1", new { callId = "c-1" });
        await PostAsync("/activities", "k-1", new { callId = "c-1" });
        waiting.IsCompleted.ShouldBeFalse();
        await PostAsync("/activities", "k-2", new { callId = "c-2" });
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        var timeout = await Should.ThrowAsync<TimeoutException>(() => _receiver.WaitForAsync(3, TimeSpan.FromMilliseconds(100)));
        timeout.Message.ShouldContain("2 distinct keys (1 duplicates");
    }

    [Fact]
    public async Task Concurrent_writes_are_each_counted_once_by_key()
    {
        const int Keys = 2000;
        var waiting = _receiver.WaitForAsync(Keys, TimeSpan.FromSeconds(30));
        // Every tenth key is sent twice, the copies racing the originals on other connections.
        var writes = Enumerable.Range(0, Keys).SelectMany(i => i % 10 == 0 ? [i, i] : new[] { i }).ToArray();
        var next = -1;
        var ids = new string?[writes.Length];
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int at;
            while ((at = Interlocked.Increment(ref next)) < writes.Length)
            {
                var key = $"k-{writes[at]}";
                ids[at] = key + "=" + await IdOfAsync(await PostAsync("/activities", key, new { callId = $"c-{writes[at]}" }));
            }
        }));
        await waiting;

        (_receiver.Distinct, _receiver.Duplicates, _receiver.Total).ShouldBe((Keys, Keys / 10, writes.Length));
        _receiver.ArrivalsByCallId.Count.ShouldBe(Keys);
        _receiver.DuplicateKeys.Count.ShouldBe(Keys / 10);
        // Both copies of a key got the same id, and no two keys share one.
        ids.Distinct().Count().ShouldBe(Keys);
        ids.Select(i => i![(i!.IndexOf('=', StringComparison.Ordinal) + 1)..]).Distinct().Count().ShouldBe(Keys);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(CountingReceiver.IdempotencyKeyHeader, key);
        return await _client.SendAsync(request);
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
