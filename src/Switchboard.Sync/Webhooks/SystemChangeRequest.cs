using System.Text.Json.Nodes;

namespace Switchboard.Sync.Webhooks;

/// <summary>
/// The body of <c>POST /api/v1/systems/{system}/changes</c>: changed records of one kind, in the hub's canonical
/// fields, e.g. <c>{ "kind": "order", "records": [{ "externalId": "SO-1", "status": "shipped", "updatedAt": "2025-03-01T10:00:00Z" }] }</c>.
/// </summary>
public sealed record SystemChangeRequest
{
    /// <summary><c>order</c> or <c>ticket</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Objects with <c>externalId</c>, <c>status</c>, <c>updatedAt</c> and optionally <c>customerExternalId</c>, <c>number</c>, …</summary>
    public IReadOnlyList<JsonNode?>? Records { get; init; }
}
