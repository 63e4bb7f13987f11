using Newtonsoft.Json.Linq;

namespace Switchboard.Connectors.Sql;

/// <summary>The rows a query or RETURNING gave, with the largest high-water-mark value among them.</summary>
internal sealed record SqlRows(IReadOnlyList<JObject> Rows, IReadOnlyList<string> Columns, string? HighWaterMark, bool MissingMarkColumn);
