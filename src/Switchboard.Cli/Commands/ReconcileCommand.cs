using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Connectors.Operations;
using Switchboard.Delivery.Outbox;
using Switchboard.Flows.CallLogging;
using Switchboard.Flows.Reconciliation;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;

namespace Switchboard.Cli.Commands;

/// <summary>
/// <c>switchboard reconcile SYSTEM --from ISO --to ISO [--resend] [--json]</c>: compares the completed interactions of a
/// period with the activities the system lists (its <c>interaction.list</c>), on the hub's database directly, and on
/// request sends the missing ones again through the outbox (audited as <c>resend</c> by <c>cli:USER</c>).
/// </summary>
public static class ReconcileCommand
{
    /// <summary>The comparison ran and found interactions the system lacks or holds more than once.</summary>
    public const int DifferencesFound = 3;

    /// <summary>How many ids of each list the summary prints before "… and N more".</summary>
    public const int ListedIds = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // ISO 8601 as people type it: a date, or a date and time to the minute, second or fraction; without an offset, UTC.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-ddK",
    ];

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var system = new Argument<string>("system") { Description = "The system whose activities to compare (systems/NAME.yaml); it must define interaction.list and be a target of a call-logging flow that is on." };
        var from = new Option<string>("--from") { Description = "Start of the period, inclusive, ISO 8601 (e.g. 2026-03-02T09:00:00Z; without an offset, UTC)", Required = true };
        var to = new Option<string>("--to") { Description = $"End of the period, exclusive, ISO 8601; at most {CallLogReconciler.MaxPeriod.TotalDays:0} days after --from", Required = true };
        var resend = new Option<bool>("--resend")
        {
            Description = "Also send the missing interactions to the system again through the outbox (recorded as 'resend' by cli:USER). " +
                "A running hub picks them up at its periodic look at the outbox, within a few seconds.",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a summary" };
        var command = new Command("reconcile",
            "Compare the completed interactions the hub holds for a period with the activities a system lists (its interaction.list): " +
            "which are missing there, which it holds more than once, which it has that the hub does not know; with --resend, send the missing ones again. " +
            "Works on the hub's database directly; a running hub sends what --resend queued within a few seconds (its periodic look at the outbox). " +
            $"Exit codes: {ExitCodes.Ok} nothing missing or duplicated; {DifferencesFound} missing or duplicated activities found; " +
            $"{ExitCodes.Failed} bad input or the system could not list its activities (nothing sent); {ExitCodes.InvalidConfiguration} invalid configuration.")
        {
            config, system, from, to, resend, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var start = ParseIso(parse.GetValue(from)!);
            var end = ParseIso(parse.GetValue(to)!);
            if (start is null || end is null)
            {
                if (start is null)
                {
                    await error.WriteLineAsync(NotIso("--from", parse.GetValue(from)!));
                }

                if (end is null)
                {
                    await error.WriteLineAsync(NotIso("--to", parse.GetValue(to)!));
                }

                return ExitCodes.Failed;
            }

            var directory = parse.GetValue(config)!.FullName;
            using var monitor = new ConfigurationMonitor(directory, NullLogger<ConfigurationMonitor>.Instance, watch: false);
            if (monitor.Current is not { } configuration)
            {
                await error.WriteLineAsync($"{directory}: {monitor.LastErrors.Count} error(s):");
                foreach (var e in monitor.LastErrors)
                {
                    await error.WriteLineAsync($"  {e}");
                }

                return ExitCodes.InvalidConfiguration;
            }

            await using var hub = await OfflineHub.OpenAsync(configuration, ct);
            var storage = hub.Services.GetRequiredService<IStorageProvider>();
            // The offline hub migrates the core and security tables; the delivery tables are this command's to ensure.
            await new SchemaMigrator(storage, [new DeliverySchema()], TimeProvider.System, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct);
            await using var registry = ConnectorServiceCollectionExtensions.CreateRegistry(configuration, NullLoggerFactory.Instance);
            // The signal wakes nobody here: a hub in another process finds the resent rows on its periodic look at the outbox.
            var signal = new DeliverySignal();
            var flow = new CallLoggingFlow(monitor, new CrossReferenceStore(storage), signal, TimeProvider.System, NullLogger<CallLoggingFlow>.Instance);
            var reconciler = new CallLogReconciler(monitor, storage, new InteractionStore(storage), registry, flow, new Outbox(storage, signal, TimeProvider.System));
            var actor = $"cli:{Environment.UserName}";

            ReconciliationReport report;
            try
            {
                report = await reconciler.RunAsync(parse.GetValue(system)!.Trim(), start.Value, end.Value, parse.GetValue(resend), actor, ct);
            }
            catch (ReconciliationException ex)
            {
                await error.WriteLineAsync($"{Describe(ex)}; nothing was sent.");
                return ExitCodes.Failed;
            }
            catch (ConnectorException ex)
            {
                await error.WriteLineAsync($"{ex.System} could not list its activities ({ex.Kind}): {ex.Message} Nothing was sent.");
                return ExitCodes.Failed;
            }

            await output.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(report, Json) : Summary(report, actor));
            return report.Missing.Count > 0 || report.Duplicated.Count > 0 ? DifferencesFound : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An ISO 8601 date, or date and time, with or without an offset (none means UTC); null when it is not one.</summary>
    public static DateTimeOffset? ParseIso(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    private static string NotIso(string option, string value) =>
        $"{option}: '{value}' is not an ISO 8601 date and time (e.g. 2026-03-02T09:00:00Z or 2026-03-02)";

    /// <summary>The reconciler's message, with its field named as this command names it (<c>--to</c> rather than <c>to</c>).</summary>
    private static string Describe(ReconciliationException ex)
    {
        var name = ex.Field is "from" or "to" ? "--" + ex.Field : ex.Field;
        return ex.Value is null ? $"{name}: {ex.Reason}" : $"{name}: '{ex.Value}' {ex.Reason}";
    }

    private static string Summary(ReconciliationReport report, string actor)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        void Ids(IEnumerable<string> lines, int count)
        {
            foreach (var line in lines.Take(ListedIds))
            {
                Line("    " + line);
            }

            if (count > ListedIds)
            {
                Line(string.Create(CultureInfo.InvariantCulture, $"    … and {count - ListedIds} more"));
            }
        }

        Line($"Reconciliation of {report.System} (flow {report.Flow})");
        Line(string.Create(CultureInfo.InvariantCulture, $"  period:             {report.From:O} .. {report.To:O}"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  hub interactions:   {report.HubInteractions} completed"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  activities listed:  {report.TargetActivities}"));
        Line(string.Create(CultureInfo.InvariantCulture, $"  missing:            {report.Missing.Count}"));
        Ids(report.Missing, report.Missing.Count);
        Line(string.Create(CultureInfo.InvariantCulture, $"  duplicated:         {report.Duplicated.Count}"));
        Ids(report.Duplicated.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.InteractionId} ×{d.Count} ({string.Join(", ", d.ExternalIds)})")), report.Duplicated.Count);
        Line(string.Create(CultureInfo.InvariantCulture, $"  unknown activities: {report.Unknown.Count}"));
        Ids(report.Unknown, report.Unknown.Count);
        Line(string.Create(CultureInfo.InvariantCulture, $"  resent:             {report.Resent}"));
        if (report.Resent > 0)
        {
            Line(string.Create(CultureInfo.InvariantCulture,
                $"Queued {report.Resent} again as {actor}. A running hub sends {(report.Resent == 1 ? "it" : "them")} within a few seconds."));
        }
        else if (report.Missing.Count > 0)
        {
            Line("Run again with --resend to send the missing interactions to the system again.");
        }

        return text.ToString().TrimEnd('\n');
    }
}
