using System.Text.Json.Nodes;

namespace Switchboard.Connectors;

/// <summary>What an operation call returned: its outcome and the mapped canonical records (one per item).</summary>
public sealed record OperationResult
{
    public required OperationOutcome Outcome { get; init; }

    /// <summary>The mapped records; empty for no match or an operation without a response mapping.</summary>
    public IReadOnlyList<JsonObject> Records { get; init; } = [];

    /// <summary>listChanged: the high-water mark to pass as <c>since</c> next time, when the answer gave one.</summary>
    public string? HighWaterMark { get; init; }

    /// <summary>The reason the system gave, for a conflict.</summary>
    public string? Reason { get; init; }

    public static OperationResult NoMatch { get; } = new() { Outcome = OperationOutcome.NoMatch };

    public static OperationResult Success(IReadOnlyList<JsonObject> records) =>
        new() { Outcome = records.Count == 0 ? OperationOutcome.NoMatch : OperationOutcome.Success, Records = records };
}
