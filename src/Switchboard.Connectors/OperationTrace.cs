using System.Collections.Concurrent;

namespace Switchboard.Connectors;

/// <summary>Collects the exchanges of one operation call, for debugging a connection. Thread-safe.</summary>
public sealed class OperationTrace
{
    /// <summary>Request and response bodies are cut to this many characters in a trace.</summary>
    public const int MaxBodyChars = 8 * 1024;

    private readonly ConcurrentQueue<OperationExchange> _exchanges = new();

    public IReadOnlyList<OperationExchange> Exchanges => [.. _exchanges];

    public void Add(OperationExchange exchange) => _exchanges.Enqueue(exchange);

    /// <summary>Cuts a body for a trace, saying how much was left out.</summary>
    public static string? Shorten(string? body) =>
        body is null || body.Length <= MaxBodyChars ? body : $"{body[..MaxBodyChars]}… ({body.Length - MaxBodyChars} more characters)";
}
