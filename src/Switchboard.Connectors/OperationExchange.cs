namespace Switchboard.Connectors;

/// <summary>
/// One request a connector made and what came back, as shown by <c>switchboard call</c> and
/// <c>check --live</c>. Secrets (auth headers, api-key parameters, tokens) are replaced by <c>***</c>.
/// </summary>
public sealed record OperationExchange
{
    /// <summary>"GET https://crm.example.com/api/contacts?phone=%2B4930…", "PUBLISH exchange/routing-key", "QUERY", "WRITE file.csv".</summary>
    public required string Request { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; } = [];

    /// <summary>The body sent, shortened to a few KiB.</summary>
    public string? RequestBody { get; init; }

    /// <summary>The HTTP status, when there was an HTTP answer.</summary>
    public int? Status { get; init; }

    /// <summary>The body received, shortened to a few KiB.</summary>
    public string? ResponseBody { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Why the attempt failed, if it did.</summary>
    public string? Error { get; init; }
}
