using System.Text.RegularExpressions;

namespace Switchboard.Configuration;

/// <summary>
/// Binds the protocol sections of an operation (<c>soap</c>, <c>amqp</c>, <c>sql</c>, <c>file</c>). Each
/// belongs to one protocol: it is required by every operation of a system with that protocol and refused
/// on any other.
/// </summary>
internal static partial class ProtocolSectionBinder
{
    private static readonly string[] SoapKeys = ["action"];
    private static readonly string[] AmqpKeys = ["exchange", "routingKey", "queue"];
    private static readonly string[] SqlKeys = ["query", "statement", "parameters", "highWaterMark"];
    private static readonly string[] FileKeys = ["format", "write", "columns", "read", "processedFolder"];

    public static SoapOperationSettings? Soap(MappingReader operation, SystemProtocol? protocol)
    {
        if (Section(operation, "soap", SystemProtocol.Soap, protocol, SoapKeys, "the SOAPAction, as soap: { action: urn:GetCustomer }") is not { } map)
        {
            return null;
        }

        // An empty action ("") is legal: some services expect SOAPAction: "".
        return map.String("action", required: true) is { } action ? new SoapOperationSettings { Action = action.Trim() } : null;
    }

    public static AmqpOperationSettings? Amqp(MappingReader operation, SystemProtocol? protocol)
    {
        if (Section(operation, "amqp", SystemProtocol.Amqp, protocol, AmqpKeys, "routingKey (with an optional exchange) to publish, or queue to consume") is not { } map)
        {
            return null;
        }

        var queue = map.String("queue")?.Trim();
        if (queue is not null && (map.Has("routingKey") || map.Has("exchange")))
        {
            map.File.Report(map.KeyOrMapping("queue"), map.FieldPath("queue"), null,
                "cannot be combined with routingKey or exchange: an operation either publishes (routingKey) or consumes (queue)");
        }
        else if (queue is null && !map.Has("routingKey"))
        {
            map.ReportMissing("routingKey", "is required to publish (with an optional exchange); write queue instead to consume");
        }

        if (queue is { Length: 0 })
        {
            map.File.Report(map.Value("queue"), map.FieldPath("queue"), queue, "is empty; name the queue to consume");
        }

        return new AmqpOperationSettings
        {
            Exchange = map.String("exchange")?.Trim(),
            RoutingKey = MappingSyntaxCheck.Template(map, "routingKey"),
            Queue = queue,
        };
    }

    public static SqlOperationSettings? Sql(MappingReader operation, SystemProtocol? protocol)
    {
        if (Section(operation, "sql", SystemProtocol.Sql, protocol, SqlKeys, "a query (SELECT) or a statement (INSERT, UPDATE, DELETE) with @parameters") is not { } map)
        {
            return null;
        }

        var query = map.String("query");
        var statement = map.String("statement");
        if (query is not null && statement is not null)
        {
            map.File.Report(map.KeyOrMapping("statement"), map.FieldPath("statement"), null,
                "cannot be combined with query: an operation runs either a query or a statement");
        }
        else if (query is null && statement is null && !map.Has("query") && !map.Has("statement"))
        {
            map.ReportMissing("query", "is required: a query (SELECT), or a statement (INSERT, UPDATE, DELETE) instead");
        }

        var parameters = TemplateEntries.Named(map, "parameters");
        var (kind, sql) = query is not null ? ("query", query) : ("statement", statement);
        if (sql is not null)
        {
            var used = SqlParameterPattern().Matches(sql).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (keyNode, name, _) in map.Entries("parameters") ?? [])
            {
                if (!used.Contains(name, StringComparer.Ordinal))
                {
                    map.File.Report(keyNode, map.FieldPath($"parameters.{name}"), null,
                        $"is not used in the {kind} (it has no @{name}){NameSuggestion.Hint(name, used)}");
                }
            }
        }

        var highWaterMark = map.String("highWaterMark")?.Trim();
        if (highWaterMark is not null && query is null && statement is not null)
        {
            map.File.Report(map.KeyOrMapping("highWaterMark"), map.FieldPath("highWaterMark"), null, "is only used with query");
        }

        return new SqlOperationSettings { Query = query, Statement = statement, Parameters = parameters, HighWaterMark = highWaterMark };
    }

    public static FileOperationSettings? File(MappingReader operation, SystemProtocol? protocol)
    {
        if (Section(operation, "file", SystemProtocol.File, protocol, FileKeys, "write (a file name template) or read (a file name pattern like *.csv)") is not { } map)
        {
            return null;
        }

        var format = map.Enum("format", YamlEnums.FileFormats) ?? FileFormat.JsonLines;
        var write = MappingSyntaxCheck.Template(map, "write");
        var read = map.String("read")?.Trim();
        if (write is not null && read is not null)
        {
            map.File.Report(map.KeyOrMapping("read"), map.FieldPath("read"), null,
                "cannot be combined with write: an operation either writes or reads files");
        }
        else if (write is null && read is null && !map.Has("write") && !map.Has("read"))
        {
            map.ReportMissing("write", "is required: write (a file name template), or read (a file name pattern like *.csv) instead");
        }

        if (write is not null && LeavesFolder(write))
        {
            map.File.Report(map.Value("write"), map.FieldPath("write"), write, "must name a file inside the system's folder (no '..' and no leading '/')");
        }

        if (read is not null && (read.Contains('/', StringComparison.Ordinal) || read.Contains('\\', StringComparison.Ordinal)))
        {
            map.File.Report(map.Value("read"), map.FieldPath("read"), read, "is a file name pattern inside the system's folder (like *.csv), not a path");
        }

        var csvWrite = format == FileFormat.Csv && write is not null && read is null;
        if (map.Has("columns") && !csvWrite)
        {
            map.File.Report(map.KeyOrMapping("columns"), map.FieldPath("columns"), null, "is only used by a csv write (format: csv with write)");
        }
        else if (csvWrite && !map.Has("columns"))
        {
            map.ReportMissing("columns", "is required for a csv write: column name to a template for its value, in order");
        }

        var processed = map.String("processedFolder")?.Trim();
        if (processed is not null && read is null)
        {
            map.File.Report(map.KeyOrMapping("processedFolder"), map.FieldPath("processedFolder"), null, "is only used with read");
        }
        else if (processed is not null && (processed.Length == 0 || LeavesFolder(processed)))
        {
            map.File.Report(map.Value("processedFolder"), map.FieldPath("processedFolder"), processed,
                "is a sub-folder of the system's folder, not a path outside it");
        }

        return new FileOperationSettings
        {
            Format = format,
            Write = write,
            Columns = csvWrite ? TemplateEntries.Ordered(map, "columns") : [],
            Read = read,
            ProcessedFolder = processed ?? new FileOperationSettings().ProcessedFolder,
        };
    }

    /// <summary>The section's reader when the system's protocol owns it; a missing or misplaced section is reported.</summary>
    private static MappingReader? Section(MappingReader operation, string key, SystemProtocol owner, SystemProtocol? protocol, string[] keys, string hint)
    {
        if (!ProtocolRules.Allows(operation, key, protocol, owner))
        {
            return null;
        }

        if (!operation.Has(key))
        {
            operation.ReportMissing(key, $"is required for protocol {YamlEnums.Protocols.NameOf(owner)}: {hint}");
            return null;
        }

        return operation.Map(key, keys);
    }

    private static bool LeavesFolder(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || Path.IsPathRooted(path)
        || path.Split('/', '\\').Any(part => part == "..");

    // @name, but not @@name (PostgreSQL operators) nor user@host inside a word.
    [GeneratedRegex(@"(?<![@\w])@(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SqlParameterPattern();
}
