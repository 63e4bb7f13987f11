using Switchboard.Mapping;

namespace Switchboard.Configuration;

/// <summary>
/// One operation a system implements: a request template, how the answer's status is read, and a
/// response mapping. Templates use Liquid syntax (<c>{{ phone | url_encode }}</c>); the protocol
/// decides which of the protocol sections (<see cref="Soap"/>, <see cref="Amqp"/>, <see cref="Sql"/>,
/// <see cref="File"/>) applies.
/// </summary>
public sealed record OperationDefinition
{
    /// <summary>The operation's name: one of <see cref="OperationNames"/> or a custom name.</summary>
    public required string Name { get; init; }

    public OperationMethod Method { get; init; } = OperationMethod.Get;

    /// <summary>rest/soap: a template for the path and query, relative to the system's address.</summary>
    public string? Path { get; init; }

    /// <summary>rest/soap: query parameters, name to template; a parameter whose value renders empty is left out.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = EmptyStrings;

    /// <summary>Request headers, name to template; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyHeaders;

    /// <summary>A template for the request body (for soap: the content of the SOAP Body).</summary>
    public string? Body { get; init; }

    /// <summary>Writes: the header that carries an idempotency key, if the system takes one.</summary>
    public IdempotencyKeySettings? IdempotencyKey { get; init; }

    /// <summary>HTTP status to outcome, overriding the defaults (2xx success, 408/429/5xx retry, others fail).</summary>
    public IReadOnlyDictionary<int, StatusOutcome> Statuses { get; init; } = EmptyStatuses;

    /// <summary>Paths tried in order on an error body to find the reason the system gave.</summary>
    public IReadOnlyList<string> ErrorReason { get; init; } = [];

    /// <summary>List operations: how to fetch the following pages; null when the answer is one page.</summary>
    public PagingSettings? Paging { get; init; }

    /// <summary>When the answer holds only an id: the operation that reads the record back.</summary>
    public ReadBackSettings? ReadBack { get; init; }

    public SoapOperationSettings? Soap { get; init; }

    public AmqpOperationSettings? Amqp { get; init; }

    public SqlOperationSettings? Sql { get; init; }

    public FileOperationSettings? File { get; init; }

    public ResponseMapping? Response { get; init; }

    /// <summary>
    /// Operations that only read: they may be retried freely and <c>check --live</c> calls them. HTTP by
    /// method (GET), SOAP by name (<see cref="OperationNames.IsReadName"/>), SQL queries, file reads and
    /// queue consumers.
    /// </summary>
    public bool IsRead =>
        Amqp is not null ? !Amqp.IsPublish
        : Sql is not null ? Sql.Query is not null
        : File is not null ? File.Read is not null
        : Soap is not null ? OperationNames.IsReadName(Name)
        : Method == OperationMethod.Get;

    private static readonly IReadOnlyDictionary<string, string> EmptyStrings =
        new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    private static readonly IReadOnlyDictionary<int, StatusOutcome> EmptyStatuses =
        new Dictionary<int, StatusOutcome>().AsReadOnly();
}
