using Switchboard.Mapping.Responses;

namespace Switchboard.Connectors.Rest;

/// <summary>One answer's mapped result and its parsed document (for cursors and next links).</summary>
internal sealed record PageResult(OperationResult Result, ResponseDocument? Document);
