using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Outbox;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>switchboard dead-letters</c>: list, show, replay and discard the messages delivery gave up on, working on the
/// hub's database directly. Replays and discards are audited as <c>cli:USER</c>.
/// </summary>
public static class DeadLetterCommand
{
    private const int ReasonWidth = 60;

    // Printed for a person at a terminal, not embedded in HTML: non-ASCII text stays readable instead of \uXXXX.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var command = new Command("dead-letters", "List, inspect, replay and discard the messages delivery gave up on, and show who replayed or discarded what.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Settle("replay", "Put dead letters back in their target's queue, with the same id and idempotency key (a target that already has one does not get it twice). " +
            "A running hub notices them at its next look at the queue, within a few seconds: a command in another process cannot wake it at once."));
        command.Subcommands.Add(Settle("discard", "Delete dead letters for good."));
        command.Subcommands.Add(Actions());
        return command;
    }

    private static Command List()
    {
        var config = CommonOptions.Config();
        var target = TargetOption();
        var operation = OperationOption();
        var limit = LimitOption();
        var json = new Option<bool>("--json") { Description = "Print the dead letters as JSON, attempts and arguments included" };
        var command = new Command("list", "List dead letters, newest failure first.") { config, target, operation, limit, json };
        command.SetAction((parse, ct) => WithStoreAsync(parse, config, async (store, hub, output, error) =>
        {
            var size = parse.GetValue(limit);
            if (size is < 1 or > DeadLetterStore.MaxLimit)
            {
                await error.WriteLineAsync($"--limit: '{size}' must be between 1 and {DeadLetterStore.MaxLimit}");
                return ExitCodes.Failed;
            }

            var page = await store.ListAsync(new DeadLetterFilter { Target = parse.GetValue(target), Operation = parse.GetValue(operation) }, size, null, ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(page.Items, Json));
                return ExitCodes.Ok;
            }

            if (page.Items.Count == 0)
            {
                await output.WriteLineAsync("No dead letters.");
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{"ID",-32}  {"TARGET",-16} {"OPERATION",-24} {"FAILED AT",-20} {"ATTEMPTS",8}  REASON");
            foreach (var letter in page.Items)
            {
                var m = letter.Message;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Id,-32}  {m.Target,-16} {m.Operation,-24} {letter.FailedAt,-20:u} {letter.Attempts.Count,8}  {Shorten(OneLine(letter.Reason), ReasonWidth)}"));
            }

            if (page.Next is not null)
            {
                await output.WriteLineAsync($"(the {size} newest shown; more with a larger --limit or a narrower filter)");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var config = CommonOptions.Config();
        var id = new Argument<string>("id") { Description = "The dead letter's message id" };
        var command = new Command("show", "Show one dead letter: the message, its arguments, and every attempt with its timing and error.") { config, id };
        command.SetAction((parse, ct) => WithStoreAsync(parse, config, async (store, hub, output, error) =>
        {
            var letter = await store.GetAsync(parse.GetValue(id)!, ct);
            if (letter is null)
            {
                await error.WriteLineAsync($"No dead letter has id '{parse.GetValue(id)}'.");
                return ExitCodes.Failed;
            }

            var m = letter.Message;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
                Dead letter {m.Id}
                  target:          {m.Target}
                  operation:       {m.Operation}
                  record:          {m.RecordKey}
                  idempotency key: {m.IdempotencyKey}
                  source:          {m.Source}
                  occurred at:     {m.OccurredAt:O}
                  enqueued at:     {m.EnqueuedAt:O}
                  failed at:       {letter.FailedAt:O}
                  reason:          {letter.Reason}
                Arguments:
                {m.Arguments.ToJsonString(Json)}
                Attempts ({letter.Attempts.Count}):
                """));
            foreach (var a in letter.Attempts)
            {
                var status = a.Status is { } s ? string.Create(CultureInfo.InvariantCulture, $" {s}") : "";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  #{a.Number}  started {a.StartedAt:O}  took {a.DurationMs:0.###} ms  {a.Kind}{status}: {a.Error}"));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary><c>replay</c> or <c>discard</c>: the same selection, a different action.</summary>
    private static Command Settle(string name, string description)
    {
        var config = CommonOptions.Config();
        var id = new Argument<string?>("id") { Description = "One dead letter's message id", Arity = ArgumentArity.ZeroOrOne };
        var target = TargetOption();
        var operation = OperationOption();
        var all = new Option<bool>("--all") { Description = "Every dead letter (required when neither an id nor a filter is given)" };
        var command = new Command(name, $"{description} Say which: ID, --target/--operation, or --all.") { config, id, target, operation, all };
        command.SetAction((parse, ct) => WithStoreAsync(parse, config, async (store, hub, output, error) =>
        {
            var filter = new DeadLetterFilter { Id = parse.GetValue(id), Target = parse.GetValue(target), Operation = parse.GetValue(operation) };
            if (parse.GetValue(all))
            {
                if (!filter.IsEmpty)
                {
                    await error.WriteLineAsync("--all cannot be combined with an id, --target or --operation; give one or the other.");
                    return ExitCodes.Failed;
                }

                filter = DeadLetterFilter.Everything;
            }

            if (filter.IsEmpty)
            {
                await error.WriteLineAsync($"{DeadLetterFilter.EmptyMessage} (give ID, --target T, --operation O or --all); nothing was changed.");
                return ExitCodes.Failed;
            }

            if (filter.Target is { } t && hub.FindSystem(t) is null && await store.CountAsync(new DeadLetterFilter { Target = t }, ct) == 0)
            {
                await error.WriteLineAsync($"--target: '{t}' is not a configured system and has no dead letters; nothing was changed.");
                return ExitCodes.Failed;
            }

            var actor = $"cli:{Environment.UserName}";
            var count = name == "replay" ? await store.ReplayAsync(filter, actor, ct) : await store.DiscardAsync(filter, actor, ct);
            if (count == 0 && filter.Id is not null)
            {
                await error.WriteLineAsync($"No dead letter has id '{filter.Id}'.");
                return ExitCodes.Failed;
            }

            var verb = name == "replay" ? "Replayed" : "Discarded";
            var noun = count == 1 ? "dead letter" : "dead letters";
            await output.WriteLineAsync(name == "replay" && count > 0
                ? $"{verb} {count} {noun} as {actor}. A running hub sends {(count == 1 ? "it" : "them")} within a few seconds."
                : $"{verb} {count} {noun} as {actor}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Actions()
    {
        var config = CommonOptions.Config();
        var limit = LimitOption();
        var command = new Command("actions", "Show the audit trail: who replayed or discarded which dead letter, newest first.") { config, limit };
        command.SetAction((parse, ct) => WithStoreAsync(parse, config, async (store, hub, output, error) =>
        {
            var size = parse.GetValue(limit);
            if (size is < 1 or > DeadLetterStore.MaxLimit)
            {
                await error.WriteLineAsync($"--limit: '{size}' must be between 1 and {DeadLetterStore.MaxLimit}");
                return ExitCodes.Failed;
            }

            foreach (var a in await store.ActionsAsync(size, ct))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{a.At:u}  {a.Action,-8} {a.MessageId,-32}  {a.Target,-16} {a.Actor}"));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Option<string?> TargetOption() => new("--target") { Description = "Only dead letters for this system" };

    private static Option<string?> OperationOption() => new("--operation") { Description = "Only dead letters of this operation, e.g. interaction.log" };

    private static Option<int> LimitOption() => new("--limit")
    {
        Description = $"At most this many, 1 to {DeadLetterStore.MaxLimit}",
        DefaultValueFactory = _ => 50,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Shorten(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static async Task<int> WithStoreAsync(
        ParseResult parse, Option<DirectoryInfo> config, Func<DeadLetterStore, HubConfiguration, TextWriter, TextWriter, Task<int>> action, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var loaded = ConfigurationLoader.Load(parse.GetValue(config)!.FullName);
        if (!loaded.IsValid)
        {
            foreach (var e in loaded.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.InvalidConfiguration;
        }

        await using var hub = await OfflineHub.OpenAsync(loaded.Configuration!, ct);
        var storage = hub.Services.GetRequiredService<IStorageProvider>();
        var clock = hub.Services.GetRequiredService<TimeProvider>();
        // The offline hub migrates the core and security tables; the delivery tables are this command's to ensure.
        await new SchemaMigrator(storage, [new DeliverySchema()], clock, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct);
        // The signal wakes nobody here: a hub in another process finds replayed rows on its periodic look.
        var store = new DeadLetterStore(storage, new DeliverySignal(), clock);
        return await action(store, loaded.Configuration!, output, error);
    }
}
