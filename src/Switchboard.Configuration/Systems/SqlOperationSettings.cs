namespace Switchboard.Configuration;

/// <summary>
/// The <c>sql</c> section of an operation (PostgreSQL). Parameters are written <c>@name</c> in the SQL
/// and bound from the operation's arguments (never spliced into the text); each row maps as one item
/// (paths like <c>$.column</c>).
/// </summary>
public sealed record SqlOperationSettings
{
    /// <summary>A SELECT whose rows are the result.</summary>
    public string? Query { get; init; }

    /// <summary>An INSERT/UPDATE/DELETE (optionally with RETURNING, whose rows are the result).</summary>
    public string? Statement { get; init; }

    /// <summary>Parameter name to a template, when an argument needs reshaping; otherwise the argument of the same name is bound.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = Empty;

    /// <summary>listChanged: the column holding the high-water mark (the largest value read is the next <c>since</c>).</summary>
    public string? HighWaterMark { get; init; }

    private static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();
}
