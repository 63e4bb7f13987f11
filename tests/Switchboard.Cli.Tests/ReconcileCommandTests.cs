using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Cli.Commands;
using Switchboard.Configuration;
using Switchboard.Core.Interactions;
using Switchboard.Delivery.Outbox;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;
using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Switchboard.Cli.Tests;

/// <summary>
/// <c>switchboard reconcile</c> on a hub database seeded with completed interactions, against a WireMock CRM whose
/// <c>GET /api/activities</c> (its <c>interaction.list</c>) returns what it holds.
/// </summary>
public sealed class ReconcileCommandTests : IDisposable
{
    private const string From = "2026-03-02T09:00:00Z";
    private const string To = "2026-03-02T10:00:00Z";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly WireMockServer _crm = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{TestHub.UnusedPort()}"] });
    private readonly string _actor = $"cli:{Environment.UserName}";

    public ReconcileCommandTests()
    {
        _directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));
        _directory.Write("systems/crm.yaml", $$$"""
            name: crm
            kind: crm
            protocol: rest
            mode: on
            address: {{{_crm.Urls[0]}}}/
            allowPrivateNetworks: true
            retry: { maxAttempts: 1 }
            operations:
              interaction.log:
                method: POST
                path: /api/activities
                idempotencyKey: Idempotency-Key
                headers: { Content-Type: application/json }
                body: '{ "contactId": {{ customerId | json }}, "subject": {{ subject | json }}, "interaction": {{ interactionId | json }} }'
              interaction.list:
                method: GET
                path: /api/activities
                query: { from: "{{ from }}", to: "{{ to }}" }
                response:
                  items: $.records[*]
                  fields: { externalId: $.id, interactionId: $.callId }
            """);
        _directory.Write("flows/call-logging.yaml", "name: call-logging\ncapability: callLogging\nmode: on\nsystems: [crm]\n");
    }

    public void Dispose()
    {
        _crm.Stop();
        _crm.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Summary_names_the_missing_and_duplicated_ids_and_the_exit_code_says_differences_were_found()
    {
        await SeedStandardAsync();
        Lists(("A-1", "i-1"), ("A-1b", "i-1"), ("A-3", "i-3"), ("A-x", "someone-elses"));

        var run = await Run("crm", "--from", From, "--to", To);

        run.ExitCode.ShouldBe(ReconcileCommand.DifferencesFound, run.Error);
        run.Error.ShouldBeEmpty();
        run.Output.ShouldContain("Reconciliation of crm (flow call-logging)");
        run.Output.ShouldContain("period:             2026-03-02T09:00:00.0000000+00:00 .. 2026-03-02T10:00:00.0000000+00:00");
        run.Output.ShouldContain("hub interactions:   3 completed");
        run.Output.ShouldContain("activities listed:  4");
        run.Output.ShouldContain("missing:            1\n    i-2\n");
        run.Output.ShouldContain("duplicated:         1\n    i-1 ×2 (A-1, A-1b)\n");
        run.Output.ShouldContain("unknown activities: 1\n    A-x\n");
        run.Output.ShouldContain("resent:             0");
        run.Output.ShouldContain("--resend");
        (await OutboxAsync()).ShouldBeEmpty();
        var listed = _crm.LogEntries.Single().RequestMessage;
        listed!.Query!["from"].ToString().ShouldBe("2026-03-02T09:00:00.0000000+00:00");
        listed.Query!["to"].ToString().ShouldBe("2026-03-02T10:00:00.0000000+00:00");
    }

    [Fact]
    public async Task Json_is_parseable_and_carries_the_same_figures()
    {
        await SeedStandardAsync();
        Lists(("A-1", "i-1"), ("A-1b", "i-1"), ("A-3", "i-3"), ("A-x", "someone-elses"));

        var run = await Run("crm", "--from", From, "--to", To, "--json");

        run.ExitCode.ShouldBe(ReconcileCommand.DifferencesFound, run.Error);
        var report = JsonDocument.Parse(run.Output).RootElement;
        report.GetProperty("system").GetString().ShouldBe("crm");
        report.GetProperty("flow").GetString().ShouldBe("call-logging");
        report.GetProperty("from").GetDateTimeOffset().ShouldBe(T0);
        report.GetProperty("hubInteractions").GetInt32().ShouldBe(3);
        report.GetProperty("targetActivities").GetInt32().ShouldBe(4);
        report.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ShouldBe(["i-2"]);
        var duplicated = report.GetProperty("duplicated")[0];
        duplicated.GetProperty("interactionId").GetString().ShouldBe("i-1");
        duplicated.GetProperty("count").GetInt32().ShouldBe(2);
        duplicated.GetProperty("externalIds").EnumerateArray().Select(e => e.GetString()).ShouldBe(["A-1", "A-1b"]);
        report.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).ShouldBe(["A-x"]);
        report.GetProperty("resent").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Resend_queues_one_message_per_missing_interaction_and_audits_it_as_the_cli_user()
    {
        await SeedStandardAsync();
        await SeedAsync("i-4", T0.AddMinutes(40));
        Lists(("A-1", "i-1"), ("A-3", "i-3"));

        var run = await Run("crm", "--from", From, "--to", To, "--resend");

        run.ExitCode.ShouldBe(ReconcileCommand.DifferencesFound, run.Error);
        run.Output.ShouldContain("resent:             2");
        run.Output.ShouldContain($"Queued 2 again as {_actor}. A running hub sends them within a few seconds.");
        var outbox = await OutboxAsync();
        outbox.Select(m => (m.Target, m.Operation, m.IdempotencyKey)).Order().ShouldBe(
            [("crm", "interaction.log", "call-logging:i-2"), ("crm", "interaction.log", "call-logging:i-4")]);
        var actions = await ActionsAsync();
        actions.Count.ShouldBe(2);
        actions.ShouldAllBe(a => a.Action == "resend" && a.Actor == _actor && a.Target == "crm");
        actions.Select(a => a.MessageId).Order().ShouldBe(outbox.Select(m => m.Id).Order());
        // Only the list was called: the hub's delivery sends the queued messages, not this command.
        _crm.LogEntries.Count().ShouldBe(1);
    }

    [Fact]
    public async Task Nothing_missing_or_duplicated_exits_zero_and_resend_queues_nothing()
    {
        await SeedStandardAsync();
        Lists(("A-1", "i-1"), ("A-2", "i-2"), ("A-3", "i-3"), ("A-x", "someone-elses"));

        var run = await Run("crm", "--from", From, "--to", To, "--resend");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.Error);
        run.Output.ShouldContain("missing:            0");
        run.Output.ShouldContain("duplicated:         0");
        run.Output.ShouldContain("unknown activities: 1");
        (await OutboxAsync()).ShouldBeEmpty();
        (await ActionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_long_missing_list_shows_the_first_twenty_and_how_many_more()
    {
        foreach (var n in Enumerable.Range(10, 25))
        {
            await SeedAsync($"i-{n}", T0.AddMinutes(n));
        }

        Lists();

        var run = await Run("crm", "--from", From, "--to", To);

        run.ExitCode.ShouldBe(ReconcileCommand.DifferencesFound, run.Error);
        run.Output.ShouldContain("missing:            25\n    i-10\n");
        run.Output.ShouldContain("    i-29\n    … and 5 more\n");
        run.Output.ShouldNotContain("i-30");
    }

    [Fact]
    public async Task An_unknown_system_is_refused_naming_it_and_nothing_is_called_or_sent()
    {
        await SeedStandardAsync();

        var run = await Run("erp", "--from", From, "--to", To, "--resend");

        run.ExitCode.ShouldBe(ExitCodes.Failed);
        run.Output.ShouldBeEmpty();
        run.Error.Trim().ShouldBe("system: 'erp' is not configured (systems: crm); nothing was sent.");
        _crm.LogEntries.ShouldBeEmpty();
        (await OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_naming_to()
    {
        var run = await Run("crm", "--from", To, "--to", From, "--resend");

        run.ExitCode.ShouldBe(ExitCodes.Failed);
        run.Error.Trim().ShouldBe("--to: '2026-03-02T09:00:00.0000000+00:00' is not after from (2026-03-02T10:00:00.0000000+00:00); nothing was sent.");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unparsable_from_or_to_is_refused_naming_the_option_and_value()
    {
        var from = await Run("crm", "--from", "yesterday", "--to", To);
        var both = await Run("crm", "--from", "03/02/2026", "--to", "2026-13-01");

        from.ExitCode.ShouldBe(ExitCodes.Failed);
        from.Error.Trim().ShouldBe("--from: 'yesterday' is not an ISO 8601 date and time (e.g. 2026-03-02T09:00:00Z or 2026-03-02)");
        both.Error.Trim().Split('\n').Select(l => l.TrimEnd()).ShouldBe([
            "--from: '03/02/2026' is not an ISO 8601 date and time (e.g. 2026-03-02T09:00:00Z or 2026-03-02)",
            "--to: '2026-13-01' is not an ISO 8601 date and time (e.g. 2026-03-02T09:00:00Z or 2026-03-02)",
        ]);
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-03-02T09:00:00Z", "2026-03-02T09:00:00+00:00")]
    [InlineData("2026-03-02T11:00:00+02:00", "2026-03-02T11:00:00+02:00")]
    [InlineData("2026-03-02T09:00:00.250Z", "2026-03-02T09:00:00.25+00:00")]
    [InlineData("2026-03-02T09:00", "2026-03-02T09:00:00+00:00")]
    [InlineData("2026-03-02", "2026-03-02T00:00:00+00:00")]
    public void Iso_dates_with_or_without_time_and_offset_are_read_and_no_offset_means_utc(string text, string expected)
    {
        ReconcileCommand.ParseIso(text).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        ReconcileCommand.ParseIso(text)!.Value.Offset.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public async Task A_crm_that_cannot_list_fails_with_its_message_and_nothing_is_sent()
    {
        await SeedStandardAsync();
        _crm.Given(Request.Create().WithPath("/api/activities").UsingGet()).RespondWith(Response.Create().WithStatusCode(500).WithBody("down"));

        var run = await Run("crm", "--from", From, "--to", To, "--resend");

        run.ExitCode.ShouldBe(ExitCodes.Failed);
        run.Output.ShouldBeEmpty();
        run.Error.ShouldStartWith("crm could not list its activities");
        run.Error.ShouldContain("500");
        run.Error.Trim().ShouldEndWith("Nothing was sent.");
        (await OutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invalid_configuration_exits_with_the_configuration_code()
    {
        _directory.Write("flows/broken.yaml", "name: broken\ncapability: nonsense\n");

        var run = await Run("crm", "--from", From, "--to", To);

        run.ExitCode.ShouldBe(ExitCodes.InvalidConfiguration);
        run.Error.ShouldContain("error(s):");
        _crm.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_gives_the_exit_codes_and_says_a_running_hub_sends_resent_messages_within_seconds()
    {
        var run = await CliRun.InvokeAsync("reconcile", "--help");

        run.Output.ShouldContain("within a few seconds");
        run.Output.ShouldContain($"{ReconcileCommand.DifferencesFound} missing or duplicated activities found");
        run.Output.ShouldContain("--resend");
    }

    private Task<CliRun> Run(params string[] args) => CliRun.InvokeAsync(["reconcile", .. args, "--config", _directory.Path]);

    private void Lists(params (string ExternalId, string InteractionId)[] activities) =>
        _crm.Given(Request.Create().WithPath("/api/activities").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                records = activities.Select(a => new { id = a.ExternalId, callId = a.InteractionId }),
            })));

    /// <summary>i-1..i-3 completed in the period; one completed before it, one in it but not completed: neither counts.</summary>
    private async Task SeedStandardAsync()
    {
        await SeedAsync("i-1", T0.AddMinutes(1));
        await SeedAsync("i-2", T0.AddMinutes(2));
        await SeedAsync("i-3", T0.AddMinutes(59));
        await SeedAsync("i-early", T0.AddMinutes(-1));
        await SeedAsync("i-open", T0.AddMinutes(5), InteractionState.Ended);
    }

    private async Task SeedAsync(string id, DateTimeOffset startedAt, InteractionState state = InteractionState.Completed)
    {
        await using var hub = await OpenAsync();
        await new InteractionStore(hub.Services.GetRequiredService<IStorageProvider>()).UpsertAsync(new Interaction
        {
            Id = id,
            CallId = $"call-{id}",
            State = state,
            CallerNumber = "+15551230000",
            Disposition = "resolved",
            StartedAt = startedAt,
            AnsweredAt = startedAt.AddSeconds(5),
            EndedAt = startedAt.AddMinutes(3),
            CompletedAt = state == InteractionState.Completed ? startedAt.AddMinutes(4) : null,
        }, CancellationToken.None);
    }

    private async Task<List<(string Id, string Target, string Operation, string IdempotencyKey)>> OutboxAsync()
    {
        await using var hub = await OpenAsync();
        await using var connection = await hub.Services.GetRequiredService<IStorageProvider>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string, string, string)>(
            "SELECT id, target, operation, idempotency_key FROM delivery_outbox ORDER BY seq")).AsList();
    }

    private async Task<List<(string Action, string Actor, string MessageId, string Target)>> ActionsAsync()
    {
        await using var hub = await OpenAsync();
        await using var connection = await hub.Services.GetRequiredService<IStorageProvider>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string, string, string)>(
            "SELECT action, actor, message_id, target FROM delivery_actions ORDER BY seq")).AsList();
    }

    private async Task<OfflineHub> OpenAsync()
    {
        var hub = await OfflineHub.OpenAsync(ConfigurationLoader.Load(_directory.Path).Configuration!, CancellationToken.None);
        await new SchemaMigrator(hub.Services.GetRequiredService<IStorageProvider>(), [new DeliverySchema()], TimeProvider.System, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return hub;
    }
}
