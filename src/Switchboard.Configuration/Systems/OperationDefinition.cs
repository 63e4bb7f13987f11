namespace Switchboard.Configuration;

/// <summary>One operation a system implements: a request template and a response mapping.</summary>
public sealed record OperationDefinition
{
    /// <summary>The operation's name: one of <see cref="OperationNames"/> or a custom name.</summary>
    public required string Name { get; init; }

    public OperationMethod Method { get; init; } = OperationMethod.Get;

    /// <summary>A template for the path and query, relative to the system's address (Liquid syntax: <c>{{ phone | url_encode }}</c>).</summary>
    public string? Path { get; init; }

    /// <summary>Request headers; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = EmptyHeaders;

    /// <summary>A template for the request body, if the request has one.</summary>
    public string? Body { get; init; }

    public ResponseMapping? Response { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();
}
