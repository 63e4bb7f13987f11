using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Ingress;
using Switchboard.Security;
using Switchboard.Testing;
using static Switchboard.IntegrationTests.Ingress.EventFactory;

namespace Switchboard.IntegrationTests.Ingress;

/// <summary>REST ingress through the real server, on SQLite and PostgreSQL: durable acks, idempotency, per-call order, bad input.</summary>
public abstract class RestIngestTests(TestStorage storage) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-30);
    private TestHub _hub = null!;
    private HttpClient _system = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(storage);
        _system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_call_posted_out_of_order_becomes_one_interaction_in_occurrence_order()
    {
        var customer = await (await (await _hub.AdminAsync()).PostAsJsonAsync("/api/v1/customers",
            new { displayName = "Ada Lovelace", phones = new[] { new { number = "+1 415 555 0134" } } })).Content.ReadFromJsonAsync<JsonElement>();
        var call = $"call-{Guid.NewGuid():N}";
        object[] events =
        [
            Call("e5", "call.ended", call, T0.AddSeconds(130), reason: "completed"),
            Call("e1", "call.offered", call, T0, from: "(415) 555-0134", queue: "support"),
            Call("e3", "call.ringing", call, T0.AddSeconds(20), agentId: "agent-7"),
            Call("e4", "call.answered", call, T0.AddSeconds(25), agentId: "agent-7"),
            Call("e2", "call.queued", call, T0.AddSeconds(1), queue: "support"),
            Call("e4b", "call.held", call, T0.AddSeconds(60)),
            Call("e4c", "call.resumed", call, T0.AddSeconds(70)),
            Call("e6", "call.wrapup_completed", call, T0.AddSeconds(160), disposition: "resolved", notes: "Reset the router"),
        ];
        foreach (var e in events)
        {
            var response = await _system.PostAsJsonAsync("/api/v1/events", e);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("accepted");
        }

        // The interaction row and its timeline are read one after the other, so a poll may catch the
        // timeline of one assembly slice with the state of the one before: wait for both.
        var interaction = await WaitForAsync(call, i => i.GetProperty("timeline").GetArrayLength() == events.Length
            && i.GetProperty("state").GetString() == "completed");

        interaction.GetProperty("state").GetString().ShouldBe("completed");
        interaction.GetProperty("callerNumber").GetString().ShouldBe("+14155550134");
        interaction.GetProperty("callerNumberRaw").GetString().ShouldBe("(415) 555-0134");
        interaction.GetProperty("queue").GetString().ShouldBe("support");
        interaction.GetProperty("agentIds").EnumerateArray().Select(a => a.GetString()).ShouldBe(["agent-7"]);
        interaction.GetProperty("disposition").GetString().ShouldBe("resolved");
        interaction.GetProperty("customerId").GetString().ShouldBe(customer.GetProperty("id").GetString());
        interaction.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("eventId").GetString())
            .ShouldBe(["e1", "e2", "e3", "e4", "e4b", "e4c", "e5", "e6"]);
        var figures = interaction.GetProperty("figures");
        figures.GetProperty("queueWaitSeconds").GetDouble().ShouldBe(19);
        figures.GetProperty("ringSeconds").GetDouble().ShouldBe(5);
        figures.GetProperty("holdSeconds").GetDouble().ShouldBe(10);
        figures.GetProperty("talkSeconds").GetDouble().ShouldBe(95);
        figures.GetProperty("wrapUpSeconds").GetDouble().ShouldBe(30);

        // The lists by customer, caller and agent carry the same timeline and figures.
        var admin = await _hub.AdminAsync();
        var from = Uri.EscapeDataString(T0.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(T0.AddMinutes(1).ToString("O"));
        foreach (var query in new[]
        {
            $"customerId={customer.GetProperty("id").GetString()}", "callerNumber=%2B14155550134", $"agentId=agent-7&from={from}&to={to}",
        })
        {
            var listed = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/interactions?{query}")).GetProperty("items")
                .EnumerateArray().Single(i => i.GetProperty("callId").GetString() == call);
            listed.GetProperty("timeline").GetArrayLength().ShouldBe(events.Length, query);
            listed.GetProperty("figures").GetRawText().ShouldBe(figures.GetRawText(), query);
        }
    }

    [Fact]
    public async Task A_repeated_event_id_is_acknowledged_again_without_a_second_effect()
    {
        var call = $"call-{Guid.NewGuid():N}";
        var e = Call($"{call}-offered", "call.offered", call, T0, from: "+442079460958");

        (await (await _system.PostAsJsonAsync("/api/v1/events", e)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("accepted");
        var again = await _system.PostAsJsonAsync("/api/v1/events", e);

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().ShouldBe("duplicate");
        var batch = await _system.PostAsJsonAsync("/api/v1/events/batch", new { events = new[] { e, e } });
        (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32().ShouldBe(2);
        var interaction = await WaitForAsync(call, _ => true);
        interaction.GetProperty("timeline").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task An_event_for_an_unknown_call_creates_it()
    {
        var call = $"call-{Guid.NewGuid():N}";
        (await _system.PostAsJsonAsync("/api/v1/events", Call("only-end-" + call, "call.ended", call, T0, reason: "abandoned"))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var interaction = await WaitForAsync(call, _ => true);

        interaction.GetProperty("state").GetString().ShouldBe("abandoned");
    }

    [Fact]
    public async Task A_batch_is_accepted_whole_or_refused_whole()
    {
        var call = $"call-{Guid.NewGuid():N}";
        var good = Call($"{call}-1", "call.offered", call, T0, from: "+8613800138000");
        var bad = Call($"{call}-2", "call.answered", "", T0.AddSeconds(5));

        var refused = await _system.PostAsJsonAsync("/api/v1/events/batch", new { events = new[] { good, bad } });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("events[1].callId")[0].GetString()!.ShouldContain("required");
        errors.GetProperty("events[1].agentId")[0].GetString()!.ShouldContain("required");
        var accepted = await _system.PostAsJsonAsync("/api/v1/events/batch", new { events = new[] { good } });
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32().ShouldBe(1, "the refused batch must not have ingested its valid event");
    }

    [Fact]
    public async Task Agent_events_keep_the_agent_state_current()
    {
        var agent = $"agent-{Guid.NewGuid():N}";
        await _system.PostAsJsonAsync("/api/v1/events/batch", new
        {
            events = new[]
            {
                Agent($"{agent}-3", "agent.not_ready", agent, T0.AddMinutes(3), reason: "lunch"),
                Agent($"{agent}-1", "agent.logged_in", agent, T0),
                Agent($"{agent}-2", "agent.ready", agent, T0.AddMinutes(1)),
            },
        });

        var state = await Eventually(async () =>
        {
            var response = await _system.GetAsync($"/api/v1/agents/{agent}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        });

        state.GetProperty("state").GetString().ShouldBe("notReady");
        state.GetProperty("stateReason").GetString().ShouldBe("lunch");
    }

    [Theory]
    [InlineData("""{"eventId":"x1","type":"call.teleported","occurredAt":"2026-11-24T10:00:00Z","callId":"c"}""", "type", "not an event type")]
    [InlineData("""{"eventId":"x2","type":"call.offered","occurredAt":"1999-01-01T00:00:00Z","callId":"c"}""", "occurredAt", "days old")]
    [InlineData("""{"eventId":"x3","type":"call.offered","occurredAt":"2999-01-01T00:00:00Z","callId":"c"}""", "occurredAt", "in the future")]
    [InlineData("""{"eventId":"x4","type":"call.offered","occurredAt":"{now}","callId":"c","from":"12"}""", "from", "'12'")]
    [InlineData("""{"type":"call.offered","occurredAt":"{now}","callId":"c"}""", "eventId", "required")]
    [InlineData("""{"eventId":"x5","type":"call.recording_available","occurredAt":"{now}","callId":"c","recordingUrl":"file:///etc/passwd"}""", "recordingUrl", "http(s)")]
    public async Task An_invalid_event_gets_a_field_error_is_counted_and_changes_nothing(string body, string field, string reason)
    {
        using var rejected = new RejectionCounter();
        var response = await Post(body.Replace("{now}", DateTimeOffset.UtcNow.ToString("O"), StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(reason);
        problem.GetProperty("detail").GetString()!.ShouldContain("nothing was ingested");
        rejected.Count("invalid").ShouldBe(1);
        (await _system.GetFromJsonAsync<JsonElement>("/api/v1/interactions?callId=c")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"eventId":"m1","type":"call.offered","occurredAt":12,"callId":"c"}""", "$.occurredAt")]
    [InlineData("""{"eventId":"m2","type":"call.offered",""", "line 1")]
    [InlineData("""{"eventId":"m3","type":"call.offered","occurredAt":"2026-11-24T10:00:00Z","callId":"c","colour":"red"}""", "colour")]
    [InlineData("""<event id="m4"/>""", "not valid JSON")]
    public async Task Malformed_json_is_refused_with_where_and_why(string body, string expected)
    {
        using var rejected = new RejectionCounter();

        var response = await Post(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(expected);
        rejected.Count("malformed").ShouldBe(1);
    }

    [Fact]
    public async Task An_oversize_batch_is_refused_and_counted()
    {
        using var rejected = new RejectionCounter();
        var events = Enumerable.Range(0, 501).Select(i => new { eventId = $"big-{i}" }).ToArray();

        var response = await _system.PostAsJsonAsync("/api/v1/events/batch", new { events });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("501 events");
        rejected.Count("batch_too_large").ShouldBe(1);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_and_counted()
    {
        using var rejected = new RejectionCounter();
        var e = Call("huge-1", "call.wrapup_completed", "huge", DateTimeOffset.UtcNow, notes: new string('n', 70_000));

        var response = await _system.PostAsJsonAsync("/api/v1/events", e);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("65536 bytes");
        rejected.Count("oversize").ShouldBe(1);
    }

    [Fact]
    public async Task Events_need_a_key_that_may_write_events()
    {
        var agentKey = _hub.Client(await _hub.IssueKeyAsync(Roles.Agent));
        var e = Call("perm-1", "call.offered", "perm", DateTimeOffset.UtcNow);

        (await _hub.Client().PostAsJsonAsync("/api/v1/events", e)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await agentKey.PostAsJsonAsync("/api/v1/events", e)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> Post(string body) =>
        _system.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

    private Task<JsonElement> WaitForAsync(string callId, Func<JsonElement, bool> ready) =>
        _system.WaitForInteractionAsync(callId, ready, TimeSpan.FromSeconds(15));

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the assembler did not produce the expected state within 15 s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Listens to the ingress rejection counter of the hub running in this process.</summary>
    private sealed class RejectionCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counts = [];

        public RejectionCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngressMetrics.MeterName && instrument.Name == "switchboard.ingress.requests.rejected")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var reason = "";
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        reason = (string)tag.Value!;
                    }
                }

                lock (_counts)
                {
                    _counts[reason] = _counts.GetValueOrDefault(reason) + value;
                }
            });
            _listener.Start();
        }

        public long Count(string reason)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(reason);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

// One collection: the rejection counter listens process-wide, so these classes must not run side by side.
[Collection(nameof(RestIngestTests))]
public sealed class RestIngestOnSqliteTests() : RestIngestTests(TestStorage.Sqlite);

[Collection(nameof(RestIngestTests))]
public sealed class RestIngestOnPostgreSqlTests() : RestIngestTests(TestStorage.PostgreSql);
