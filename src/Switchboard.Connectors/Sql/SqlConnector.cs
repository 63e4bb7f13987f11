using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using Switchboard.Configuration;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Sql;

/// <summary>
/// Calls the operations of a PostgreSQL system: <c>sql.query</c> returns its rows, <c>sql.statement</c>
/// executes and returns the rows of its RETURNING clause, if any. Parameters are written <c>@name</c>
/// and bound as typed parameters from the argument of the same name or from the rendered
/// <c>sql.parameters</c> template (never spliced into the SQL). An absent argument is an error, except
/// <c>since</c>, which binds NULL: the first poll of a listChanged has no high-water mark yet.
/// </summary>
/// <remarks>
/// One <see cref="NpgsqlDataSource"/> per connector, its pool capped at the system's concurrency,
/// created on the first call so a connection string set later (an environment variable) is picked up.
/// Each call gets the system's request timeout.
/// </remarks>
public sealed class SqlConnector : IProtocolConnector
{
    /// <summary>The argument that carries the last high-water mark; absent on a first poll, so it binds NULL.</summary>
    public const string SinceArgument = "since";

    private const int PreviewRows = 5;

    private readonly TemplateEngine _templates;
    private readonly ResponseMapper _mapper;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private NpgsqlDataSource? _dataSource;
    private bool _disposed;

    public SqlConnector(SystemDefinition system, TemplateEngine templates, ResponseMapper mapper, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(loggers);
        System = system;
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<SqlConnector>();
    }

    public SystemDefinition System { get; }

    public async Task<OperationResult> InvokeAsync(OperationDefinition operation, OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = operation.Sql
            ?? throw Fail(operation, ConnectorFailureKind.Configuration, "has no sql section; declare sql.query or sql.statement");
        var (verb, sql) = settings.Query is { } query ? ("QUERY", query)
            : settings.Statement is { } statement ? ("STATEMENT", statement)
            : throw Fail(operation, ConnectorFailureKind.Configuration, "declares neither sql.query nor sql.statement");
        var parameters = Bind(operation, settings, sql, arguments);
        var dataSource = DataSource(operation);

        var started = _time.GetTimestamp();
        SqlRows rows;
        int affected;
        using var timeout = new CancellationTokenSource(System.Timeouts.Request, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(linked.Token);
            await using var command = new NpgsqlCommand(sql, connection)
            {
                // The token above is the timeout that counts; this one only backs it up.
                CommandTimeout = (int)Math.Ceiling(System.Timeouts.RequestSeconds) + 1,
            };
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(linked.Token);
            rows = await SqlRowReader.ReadAsync(reader, settings.HighWaterMark, linked.Token);
            await reader.CloseAsync();
            affected = reader.RecordsAffected;
        }
        catch (Exception ex) when (Classify(ex, cancellationToken, timeout) is { } failure)
        {
            trace?.Add(Exchange(verb, sql, parameters, started) with { Error = failure.Reason });
            _logger.Failed(System.Name, operation.Name, verb, failure.Kind, failure.Reason);
            throw Fail(operation, failure.Kind, failure.Reason, ex);
        }

        if (rows.MissingMarkColumn)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration,
                $"the highWaterMark column '{settings.HighWaterMark}' is not among the columns the {verb.ToLowerInvariant()} returns ({string.Join(", ", rows.Columns)})");
        }

        trace?.Add(Exchange(verb, sql, parameters, started) with { ResponseBody = Preview(rows, affected) });
        _logger.Executed(System.Name, operation.Name, verb, rows.Rows.Count, _time.GetElapsedTime(started).TotalMilliseconds);

        if (rows.Columns.Count == 0)
        {
            // A statement without RETURNING: it worked; whether it touched anything is the only answer.
            return new OperationResult { Outcome = affected == 0 ? OperationOutcome.NoMatch : OperationOutcome.Success };
        }

        var records = Map(operation, rows.Rows);
        return OperationResult.Success(records) with { HighWaterMark = rows.HighWaterMark };
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlDataSource? dataSource;
        lock (_gate)
        {
            _disposed = true;
            dataSource = _dataSource;
            _dataSource = null;
        }

        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }

    private List<NpgsqlParameter> Bind(OperationDefinition operation, SqlOperationSettings settings, string sql, OperationArguments arguments)
    {
        var parameters = new List<NpgsqlParameter>();
        foreach (var name in SqlParameterNames.Find(sql))
        {
            if (settings.Parameters.TryGetValue(name, out var template))
            {
                parameters.Add(SqlParameterValue.Text(name, Render(operation, $"sql.parameters.{name}", template, arguments)));
            }
            else if (arguments.TryGetValue(name, out var value))
            {
                parameters.Add(SqlParameterValue.Create(name, value));
            }
            else if (name == SinceArgument)
            {
                parameters.Add(SqlParameterValue.Create(name, null));
            }
            else
            {
                var given = arguments.Count == 0 ? "none" : string.Join(", ", arguments.Keys.Order(StringComparer.Ordinal));
                throw Fail(operation, ConnectorFailureKind.Configuration,
                    $"the SQL uses @{name}, but there is no argument '{name}' and no sql.parameters.{name} template (arguments given: {given})");
            }
        }

        return parameters;
    }

    private string Render(OperationDefinition operation, string field, string template, OperationArguments arguments)
    {
        try
        {
            return _templates.Compile(template).Render(arguments);
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateRenderException)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, $"the {field} template failed: {ex.Message}", ex);
        }
    }

    private NpgsqlDataSource DataSource(OperationDefinition operation)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_dataSource is not null)
            {
                return _dataSource;
            }

            var reference = System.ConnectionString
                ?? throw Fail(operation, ConnectorFailureKind.Configuration, "has no connection string; set address to ${env:NAME} or ${file:PATH}");
            string connectionString;
            try
            {
                connectionString = reference.Resolve();
            }
            catch (InvalidOperationException ex)
            {
                throw Fail(operation, ConnectorFailureKind.Configuration, ex.Message, ex);
            }

            NpgsqlDataSourceBuilder builder;
            try
            {
                builder = new NpgsqlDataSourceBuilder(connectionString);
            }
            catch (ArgumentException)
            {
                // Npgsql's message may quote the text, and the text holds the password: say only where it came from.
                throw Fail(operation, ConnectorFailureKind.Configuration, $"the connection string in {reference} is not a valid PostgreSQL connection string");
            }

            builder.ConnectionStringBuilder.MaxPoolSize = System.Concurrency;
            builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, System.Concurrency);
            builder.ConnectionStringBuilder.Timeout = Math.Max(1, (int)Math.Ceiling(System.Timeouts.RequestSeconds));
            builder.ConnectionStringBuilder.ApplicationName ??= $"switchboard:{System.Name}";
            _dataSource = builder.Build();
            return _dataSource;
        }
    }

    private List<JsonObject> Map(OperationDefinition operation, IReadOnlyList<JObject> rows)
    {
        var records = new List<JsonObject>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (operation.Response is not { } mapping)
            {
                records.Add(JsonNode.Parse(rows[i].ToString(Formatting.None))!.AsObject());
                continue;
            }

            try
            {
                records.AddRange(_mapper.Map(mapping, ResponseDocument.FromJson(rows[i])));
            }
            catch (MappingException ex)
            {
                throw new ConnectorException(System.Name, operation.Name, ex.Field, ex.Value, $"{ex.Reason} (row {i + 1})", ex);
            }
        }

        return records;
    }

    private static SqlFailure? Classify(Exception ex, CancellationToken cancellationToken, CancellationTokenSource timeout)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return ex switch
        {
            OperationCanceledException or TimeoutException or NpgsqlException when timeout.IsCancellationRequested =>
                new SqlFailure(ConnectorFailureKind.Timeout, "no answer within the request timeout"),
            PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } =>
                new SqlFailure(ConnectorFailureKind.Timeout, "the server cancelled the command after the request timeout"),
            PostgresException pg => new SqlFailure(
                pg.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
                    ? ConnectorFailureKind.Authentication
                    : ConnectorFailureKind.Status,
                Describe(pg)),
            NpgsqlException { InnerException: TimeoutException } =>
                new SqlFailure(ConnectorFailureKind.Timeout, "no answer within the request timeout"),
            NpgsqlException npgsql => new SqlFailure(ConnectorFailureKind.Transport,
                npgsql.InnerException is { } inner ? $"{npgsql.Message} ({inner.Message})" : npgsql.Message),
            _ => null,
        };
    }

    private static string Describe(PostgresException pg)
    {
        var text = new StringBuilder("PostgreSQL error ").Append(pg.SqlState).Append(": ").Append(pg.MessageText);
        if (pg.Position > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" (at character {pg.Position})");
        }

        if (pg.Detail is { Length: > 0 } detail)
        {
            text.Append(". ").Append(detail);
        }

        return text.ToString();
    }

    private OperationExchange Exchange(string verb, string sql, List<NpgsqlParameter> parameters, long started) => new()
    {
        Request = verb,
        RequestBody = OperationTrace.Shorten(sql),
        RequestHeaders = [.. parameters.Select(p => KeyValuePair.Create("@" + p.ParameterName, SqlParameterValue.Describe(p)))],
        Elapsed = _time.GetElapsedTime(started),
    };

    private static string Preview(SqlRows rows, int affected)
    {
        if (rows.Columns.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"({affected} rows affected)");
        }

        var text = new StringBuilder();
        foreach (var row in rows.Rows.Take(PreviewRows))
        {
            text.AppendLine(row.ToString(Formatting.None));
        }

        text.Append(CultureInfo.InvariantCulture, $"({rows.Rows.Count} rows");
        text.Append(rows.Rows.Count > PreviewRows ? $", first {PreviewRows} shown)" : ")");
        return OperationTrace.Shorten(text.ToString())!;
    }

    private ConnectorException Fail(OperationDefinition operation, ConnectorFailureKind kind, string reason, Exception? inner = null) =>
        new(System.Name, operation.Name, kind, reason, inner);

    private sealed record SqlFailure(ConnectorFailureKind Kind, string Reason);
}
