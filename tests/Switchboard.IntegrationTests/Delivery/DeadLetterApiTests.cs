using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Delivery;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Security;
using Switchboard.Storage;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Delivery;

/// <summary>
/// The dead-letter API through the real server; runs unchanged on SQLite and on PostgreSQL. Dead letters are seeded
/// for <c>billing</c>, a configured system that is off, so no dispatcher takes a replayed message while a test looks.
/// </summary>
public abstract class DeadLetterApiTests(TestStorage storage) : IAsyncLifetime
{
    private const string BillingYaml = """
        name: billing
        kind: erp
        protocol: rest
        mode: off
        address: http://127.0.0.1:5082/
        operations:
          invoice.note:
            method: POST
            path: /api/notes
        """;

    private static readonly DateTimeOffset Failed = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private TestHub _hub = null!;
    private DeadLetterStore _store = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(storage, d => d.Write("systems/billing.yaml", BillingYaml));
        _store = _hub.App.Services.GetRequiredService<DeadLetterStore>();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Dead_letters_are_listed_newest_first_in_pages_and_shown_with_every_attempt()
    {
        await SeedAsync("m1", Failed);
        await SeedAsync("m2", Failed.AddMinutes(1));
        await SeedAsync("m3", Failed.AddMinutes(2), operation: "invoice.void");
        var reader = _hub.Client(await _hub.IssueKeyAsync(Roles.Auditor));

        var first = await reader.GetFromJsonAsync<JsonElement>("/api/v1/delivery/dead-letters?target=billing&limit=2");
        var second = await reader.GetFromJsonAsync<JsonElement>(
            $"/api/v1/delivery/dead-letters?target=billing&limit=2&after={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");
        var narrowed = await reader.GetFromJsonAsync<JsonElement>(
            "/api/v1/delivery/dead-letters?operation=invoice.note&from=2026-03-02T09:00:30Z&to=2026-03-02T10:00:00Z");
        var shown = await reader.GetFromJsonAsync<JsonElement>("/api/v1/delivery/dead-letters/m2");

        Ids(first).ShouldBe(["m3", "m2"]);
        Ids(second).ShouldBe(["m1"]);
        second.TryGetProperty("next", out _).ShouldBeFalse();
        Ids(narrowed).ShouldBe(["m2"]);
        shown.GetProperty("message").GetProperty("idempotencyKey").GetString().ShouldBe("billing:m2");
        shown.GetProperty("message").GetProperty("arguments").GetProperty("amount").GetInt32().ShouldBe(42);
        shown.GetProperty("reason").GetString().ShouldBe("HTTP 503 after 2 attempts");
        shown.GetProperty("failedAt").GetDateTimeOffset().ShouldBe(Failed.AddMinutes(1));
        var attempts = shown.GetProperty("attempts");
        attempts.GetArrayLength().ShouldBe(2);
        attempts[0].GetProperty("error").GetString().ShouldBe("connection refused");
        attempts[0].TryGetProperty("status", out _).ShouldBeFalse();
        attempts[1].GetProperty("status").GetInt32().ShouldBe(503);
        attempts[1].GetProperty("durationMs").GetDouble().ShouldBe(1500.5);
        attempts[1].GetProperty("startedAt").GetDateTimeOffset().ShouldBe(Failed.AddMinutes(1).AddSeconds(-30));
    }

    [Fact]
    public async Task An_unknown_dead_letter_is_a_404_problem_naming_the_id()
    {
        var response = await (await _hub.AdminAsync()).GetAsync("/api/v1/delivery/dead-letters/nope");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Problem(response)).GetProperty("detail").GetString().ShouldBe("No dead letter has id 'nope'.");
    }

    [Fact]
    public async Task A_replay_puts_the_message_back_with_its_id_and_key_and_the_audit_names_the_key()
    {
        await SeedAsync("m1", Failed);
        await SeedAsync("m2", Failed);
        var key = await _hub.IssueKeyAsync(Roles.Integrator);
        var keyId = key.Split('_')[1];

        var response = await _hub.Client(key).PostAsJsonAsync("/api/v1/delivery/dead-letters/replay", new { id = "m1" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32().ShouldBe(1);
        (await _store.GetAsync("m1", CancellationToken.None)).ShouldBeNull();
        (await _store.GetAsync("m2", CancellationToken.None)).ShouldNotBeNull();
        (await OutboxAsync()).ShouldBe([("m1", "billing:m1", "billing")]);
        var actions = await _hub.Client(await _hub.IssueKeyAsync(Roles.Supervisor)).GetFromJsonAsync<JsonElement>("/api/v1/delivery/actions?limit=10");
        var action = actions.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        action.GetProperty("actor").GetString().ShouldBe($"api-key:test integrator ({keyId})");
        action.GetProperty("action").GetString().ShouldBe("replay");
        action.GetProperty("messageId").GetString().ShouldBe("m1");
        action.GetProperty("target").GetString().ShouldBe("billing");
        action.GetProperty("detail").GetString().ShouldBe("HTTP 503 after 2 attempts");
    }

    [Fact]
    public async Task A_discard_by_filter_deletes_only_what_it_selects_and_is_audited()
    {
        await SeedAsync("m1", Failed, operation: "invoice.void");
        await SeedAsync("m2", Failed);
        await SeedAsync("m3", Failed.AddDays(1));
        var admin = await _hub.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/delivery/dead-letters/discard",
            new { target = "billing", operation = "invoice.note", to = "2026-03-03T00:00:00Z" });

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("discarded").GetInt32().ShouldBe(1);
        (await _store.GetAsync("m2", CancellationToken.None)).ShouldBeNull();
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(2);
        (await OutboxAsync()).ShouldBeEmpty();
        (await _store.ActionsAsync(10, CancellationToken.None)).Select(a => (a.Action, a.MessageId)).ShouldBe([("discard", "m2")]);
    }

    [Fact]
    public async Task Replaying_everything_needs_all_true()
    {
        await SeedAsync("m1", Failed);
        await SeedAsync("m2", Failed);

        var response = await (await _hub.AdminAsync()).PostAsJsonAsync("/api/v1/delivery/dead-letters/replay", new { all = true });

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32().ShouldBe(2);
        (await OutboxAsync()).Select(r => r.Id).Order(StringComparer.Ordinal).ShouldBe(["m1", "m2"]);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("discard")]
    public async Task An_empty_selection_is_refused_and_nothing_changes(string action)
    {
        await SeedAsync("m1", Failed);
        var admin = await _hub.AdminAsync();

        var empty = await admin.PostAsJsonAsync($"/api/v1/delivery/dead-letters/{action}", new { });
        var notAll = await admin.PostAsJsonAsync($"/api/v1/delivery/dead-letters/{action}", new { all = false });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(empty);
        problem.GetProperty("detail").GetString().ShouldBe("say which dead letters: an id, a filter, or all; nothing was changed.");
        problem.GetProperty("errors").GetProperty("all")[0].GetString().ShouldBe("all: is not true and no id or filter was given");
        (await Problem(notAll)).GetProperty("errors").GetProperty("all")[0].GetString().ShouldBe("all: 'false' is not true and no id or filter was given");
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(1);
        (await OutboxAsync()).ShouldBeEmpty();
        (await _store.ActionsAsync(10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_selections_are_refused_naming_the_field_and_the_value_and_nothing_changes()
    {
        await SeedAsync("m1", Failed);
        var admin = await _hub.AdminAsync();

        var combined = await admin.PostAsJsonAsync("/api/v1/delivery/dead-letters/replay", new { target = "billing", all = true });
        var reversed = await admin.PostAsJsonAsync("/api/v1/delivery/dead-letters/replay",
            new { from = "2026-03-02T00:00:00Z", to = "2026-03-01T00:00:00Z" });
        var unknown = await admin.PostAsJsonAsync("/api/v1/delivery/dead-letters/discard", new { target = "nowhere", id = " " });
        var extra = await admin.PostAsJsonAsync("/api/v1/delivery/dead-letters/discard", new { everything = true });

        (await Problem(combined)).GetProperty("errors").GetProperty("all")[0].GetString()
            .ShouldBe("all: 'true' cannot be combined with an id or a filter; send one or the other");
        (await Problem(reversed)).GetProperty("errors").GetProperty("from")[0].GetString()
            .ShouldBe("from: '2026-03-02T00:00:00Z' is after 'to' (2026-03-01T00:00:00Z)");
        var unknownErrors = (await Problem(unknown)).GetProperty("errors");
        unknownErrors.GetProperty("target")[0].GetString().ShouldBe("target: 'nowhere' is not a configured system and has no dead letters");
        unknownErrors.GetProperty("id")[0].GetString().ShouldBe("id: ' ' is empty; leave it out to not filter by it");
        extra.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(extra)).GetProperty("detail").GetString()!.ShouldContain("everything");
        (await _store.CountAsync(new DeadLetterFilter(), CancellationToken.None)).ShouldBe(1);
        (await _store.ActionsAsync(10, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Bad_list_parameters_are_refused_naming_the_field_and_the_value()
    {
        var admin = await _hub.AdminAsync();

        var response = await admin.GetAsync("/api/v1/delivery/dead-letters?from=yesterday&limit=0&after=page2&target=nowhere");
        var actions = await admin.GetAsync("/api/v1/delivery/actions?limit=501");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problem(response)).GetProperty("errors");
        errors.GetProperty("from")[0].GetString().ShouldBe("from: 'yesterday' is not a date and time such as 2026-03-01T09:00:00Z");
        errors.GetProperty("limit")[0].GetString().ShouldBe("limit: '0' must be between 1 and 500");
        errors.GetProperty("after")[0].GetString().ShouldBe("after: 'page2' is not a cursor this list returned (the 'next' of a page)");
        errors.GetProperty("target")[0].GetString().ShouldBe("target: 'nowhere' is not a configured system and has no dead letters");
        (await Problem(actions)).GetProperty("errors").GetProperty("limit")[0].GetString().ShouldBe("limit: '501' must be between 1 and 500");
    }

    [Fact]
    public async Task Reading_needs_DeliveryRead_and_replaying_or_discarding_needs_DeliveryManage()
    {
        await SeedAsync("m1", Failed);
        var supervisor = _hub.Client(await _hub.IssueKeyAsync(Roles.Supervisor));
        var agent = _hub.Client(await _hub.IssueKeyAsync(Roles.Agent));

        (await supervisor.GetAsync("/api/v1/delivery/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await supervisor.GetAsync("/api/v1/delivery/actions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await supervisor.PostAsJsonAsync("/api/v1/delivery/dead-letters/replay", new { id = "m1" });
        var discard = await supervisor.PostAsJsonAsync("/api/v1/delivery/dead-letters/discard", new { id = "m1" });
        var read = await agent.GetAsync("/api/v1/delivery/dead-letters/m1");
        var anonymous = await _hub.Client().GetAsync("/api/v1/delivery/dead-letters");

        replay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(replay)).GetProperty("detail").GetString()!.ShouldContain("DeliveryManage");
        discard.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(read)).GetProperty("detail").GetString()!.ShouldContain("DeliveryRead");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _store.GetAsync("m1", CancellationToken.None)).ShouldNotBeNull();
    }

    private Task SeedAsync(string id, DateTimeOffset failedAt, string operation = "invoice.note") => _store.AddAsync(
        new DeliveryMessage
        {
            Id = id,
            Target = "billing",
            Operation = operation,
            RecordKey = $"order:{id}",
            IdempotencyKey = $"billing:{id}",
            Source = "test",
            Arguments = new JsonObject { ["amount"] = 42 },
            OccurredAt = failedAt.AddMinutes(-2),
            EnqueuedAt = failedAt.AddMinutes(-1),
        },
        "HTTP 503 after 2 attempts",
        [
            new DeliveryAttempt(1, failedAt.AddMinutes(-1), 3.25, "connection refused", "Transport", null),
            new DeliveryAttempt(2, failedAt.AddSeconds(-30), 1500.5, "HTTP 503 Service Unavailable", "Status", 503),
        ],
        failedAt,
        CancellationToken.None);

    private async Task<List<(string Id, string IdempotencyKey, string Target)>> OutboxAsync()
    {
        await using var connection = await _hub.App.Services.GetRequiredService<IStorageProvider>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string, string)>("SELECT id, idempotency_key, target FROM delivery_outbox ORDER BY seq")).AsList();
    }

    private static string?[] Ids(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetProperty("id").GetString())];

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class DeadLetterApiOnSqliteTests() : DeadLetterApiTests(TestStorage.Sqlite);

public sealed class DeadLetterApiOnPostgreSqlTests() : DeadLetterApiTests(TestStorage.PostgreSql);
