using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Delivery;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Outbox;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

public sealed class DeadLetterCommandTests : IDisposable
{
    private static readonly DateTimeOffset Failed = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly string _actor = $"cli:{Environment.UserName}";

    public DeadLetterCommandTests()
    {
        _directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));
        _directory.Write("systems/crm.yaml", TestHub.DefaultSystemYaml);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task List_prints_a_table_newest_failure_first_with_long_reasons_shortened()
    {
        await SeedAsync(Letter("m1", "crm", Failed, "HTTP 503 after 2 attempts"));
        await SeedAsync(Letter("m2", "erp", Failed.AddMinutes(1), "mapping failed:\n" + new string('x', 100)));

        var run = await Run("list");

        run.ExitCode.ShouldBe(0, run.Error);
        var lines = run.Output.TrimEnd().Split('\n');
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("ID");
        lines[0].ShouldContain("REASON");
        lines[1].ShouldStartWith("m2");
        lines[1].ShouldContain("erp");
        lines[1].ShouldContain("2026-03-02 09:01:00Z");
        lines[1].ShouldContain("mapping failed: xxx");
        lines[1].ShouldEndWith("x…");
        lines[1].ShouldNotContain(new string('x', 100));
        lines[2].ShouldStartWith("m1");
        lines[2].ShouldContain("interaction.log");
        lines[2].ShouldContain("       2  HTTP 503 after 2 attempts");
    }

    [Fact]
    public async Task List_narrows_by_target_and_prints_json_on_request()
    {
        await SeedAsync(Letter("m1", "crm", Failed, "x"));
        await SeedAsync(Letter("m2", "erp", Failed, "x"));

        var run = await Run("list", "--target", "erp", "--json");
        var empty = await Run("list", "--target", "ticketing");

        run.ExitCode.ShouldBe(0, run.Error);
        var items = JsonDocument.Parse(run.Output).RootElement;
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("message").GetProperty("id").GetString().ShouldBe("m2");
        items[0].GetProperty("attempts")[1].GetProperty("status").GetInt32().ShouldBe(503);
        empty.Output.Trim().ShouldBe("No dead letters.");
    }

    [Fact]
    public async Task Show_prints_the_message_its_arguments_and_every_attempt_with_timing_and_error()
    {
        await SeedAsync(Letter("m1", "crm", Failed, "HTTP 503 after 2 attempts"));

        var run = await Run("show", "m1");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("Dead letter m1");
        run.Output.ShouldContain("idempotency key: crm:m1");
        run.Output.ShouldContain("record:          interaction:m1");
        run.Output.ShouldContain("failed at:       2026-03-02T09:00:00.0000000+00:00");
        run.Output.ShouldContain("\"notes\": \"呼叫 callback\"");
        run.Output.ShouldContain("Attempts (2):");
        run.Output.ShouldContain("#1  started 2026-03-02T08:59:00.0000000+00:00  took 3.25 ms  Transport: connection refused");
        run.Output.ShouldContain("#2  started 2026-03-02T08:59:30.0000000+00:00  took 1500.5 ms  Status 503: HTTP 503 Service Unavailable");
    }

    [Fact]
    public async Task Show_of_an_unknown_id_fails_naming_it()
    {
        var run = await Run("show", "nope");

        run.ExitCode.ShouldBe(1);
        run.Error.Trim().ShouldBe("No dead letter has id 'nope'.");
    }

    [Fact]
    public async Task Replay_moves_the_message_back_to_the_outbox_and_the_audit_names_the_user()
    {
        await SeedAsync(Letter("m1", "crm", Failed, "HTTP 503 after 2 attempts"));
        await SeedAsync(Letter("m2", "crm", Failed, "x"));

        var run = await Run("replay", "m1");
        var actions = await Run("actions");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.Trim().ShouldBe($"Replayed 1 dead letter as {_actor}. A running hub sends it within a few seconds.");
        (await OutboxAsync()).ShouldBe([("m1", "crm:m1")]);
        (await Run("list")).Output.ShouldNotContain("m1 ");
        actions.Output.Trim().ShouldContain("replay   m1");
        actions.Output.Trim().ShouldEndWith(_actor);
    }

    [Fact]
    public async Task Discard_by_target_or_all_deletes_and_is_audited()
    {
        await SeedAsync(Letter("m1", "crm", Failed, "x"));
        await SeedAsync(Letter("m2", "erp", Failed, "x"));
        await SeedAsync(Letter("m3", "erp", Failed, "x"));

        var byTarget = await Run("discard", "--target", "erp");
        var all = await Run("discard", "--all");

        byTarget.Output.Trim().ShouldBe($"Discarded 2 dead letters as {_actor}.");
        all.Output.Trim().ShouldBe($"Discarded 1 dead letter as {_actor}.");
        (await Run("list")).Output.Trim().ShouldBe("No dead letters.");
        (await OutboxAsync()).ShouldBeEmpty();
        (await Run("actions")).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("discard")]
    public async Task Replay_or_discard_without_a_selection_is_refused_and_changes_nothing(string action)
    {
        await SeedAsync(Letter("m1", "crm", Failed, "x"));

        var none = await Run(action);
        var both = await Run(action, "m1", "--all");
        var typo = await Run(action, "--target", "crmm");
        var unknown = await Run(action, "nope");

        none.ExitCode.ShouldBe(1);
        none.Error.Trim().ShouldBe("say which dead letters: an id, a filter, or all (give ID, --target T, --operation O or --all); nothing was changed.");
        both.ExitCode.ShouldBe(1);
        both.Error.Trim().ShouldBe("--all cannot be combined with an id, --target or --operation; give one or the other.");
        typo.ExitCode.ShouldBe(1);
        typo.Error.Trim().ShouldBe("--target: 'crmm' is not a configured system and has no dead letters; nothing was changed.");
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.Trim().ShouldBe("No dead letter has id 'nope'.");
        (await Run("list")).Output.ShouldContain("m1");
        (await Run("actions")).Output.Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_help_says_a_running_hub_picks_the_messages_up_within_seconds()
    {
        var run = await CliRun.InvokeAsync("dead-letters", "replay", "--help");

        run.Output.ShouldContain("within a few seconds");
        run.Output.ShouldContain("--all");
    }

    private Task<CliRun> Run(params string[] args) => CliRun.InvokeAsync(["dead-letters", .. args, "--config", _directory.Path]);

    private static DeadLetter Letter(string id, string target, DateTimeOffset failedAt, string reason) => new(
        new DeliveryMessage
        {
            Id = id,
            Target = target,
            Operation = "interaction.log",
            RecordKey = $"interaction:{id}",
            IdempotencyKey = $"{target}:{id}",
            Source = "call-logging",
            Arguments = new JsonObject { ["notes"] = "呼叫 callback" },
            OccurredAt = failedAt.AddMinutes(-2),
            EnqueuedAt = failedAt.AddMinutes(-1),
        },
        reason,
        failedAt,
        [
            new DeliveryAttempt(1, failedAt.AddMinutes(-1), 3.25, "connection refused", "Transport", null),
            new DeliveryAttempt(2, failedAt.AddSeconds(-30), 1500.5, "HTTP 503 Service Unavailable", "Status", 503),
        ]);

    private async Task SeedAsync(DeadLetter letter)
    {
        await using var hub = await OpenAsync();
        var store = new DeadLetterStore(hub.Services.GetRequiredService<IStorageProvider>(), new DeliverySignal(), TimeProvider.System);
        await store.AddAsync(letter.Message, letter.Reason, letter.Attempts, letter.FailedAt, CancellationToken.None);
    }

    private async Task<List<(string Id, string IdempotencyKey)>> OutboxAsync()
    {
        await using var hub = await OpenAsync();
        await using var connection = await hub.Services.GetRequiredService<IStorageProvider>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string)>("SELECT id, idempotency_key FROM delivery_outbox ORDER BY seq")).AsList();
    }

    private async Task<OfflineHub> OpenAsync()
    {
        var hub = await OfflineHub.OpenAsync(ConfigurationLoader.Load(_directory.Path).Configuration!, CancellationToken.None);
        await new SchemaMigrator(hub.Services.GetRequiredService<IStorageProvider>(), [new DeliverySchema()], TimeProvider.System, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return hub;
    }
}
