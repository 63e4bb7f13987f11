using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Switchboard.Connectors.Sql;

/// <summary>
/// Reads result rows as JSON objects (column to value) for the response mapping: numbers and
/// booleans as such, timestamps as ISO 8601 UTC text (a <c>timestamp</c> without time zone is taken
/// as UTC), dates as <c>yyyy-MM-dd</c>, json/jsonb as nested JSON, byte arrays as base64.
/// </summary>
internal static class SqlRowReader
{
    public static async Task<SqlRows> ReadAsync(NpgsqlDataReader reader, string? highWaterMarkColumn, CancellationToken cancellationToken)
    {
        var rows = new List<JObject>();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
        var markIndex = -1;
        if (highWaterMarkColumn is not null && columns.Length > 0)
        {
            markIndex = Array.FindIndex(columns, c => string.Equals(c, highWaterMarkColumn, StringComparison.Ordinal));
            if (markIndex < 0)
            {
                return new SqlRows(rows, columns, null, MissingMarkColumn: true);
            }
        }

        object? mark = null;
        string? markText = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new JObject();
            for (var i = 0; i < columns.Length; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                var token = ToToken(value, types[i]);
                row[columns[i]] = token;
                if (i == markIndex && value is not null && IsLarger(value, mark))
                {
                    mark = value;
                    markText = token.Type == JTokenType.String ? token.Value<string>() : token.ToString(Formatting.None);
                }
            }

            rows.Add(row);
        }

        return new SqlRows(rows, columns, markText, MissingMarkColumn: false);
    }

    public static JToken ToToken(object? value, string dataType) => value switch
    {
        null or DBNull => JValue.CreateNull(),
        string text when dataType is "json" or "jsonb" => JToken.Parse(text),
        string text => new JValue(text),
        bool flag => new JValue(flag),
        short or int or long or byte or sbyte or ushort or uint => new JValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        decimal number => new JValue(number),
        float or double => new JValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateTime date when dataType == "date" => new JValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime instant => new JValue(Iso(instant.Kind == DateTimeKind.Utc ? instant : DateTime.SpecifyKind(instant, DateTimeKind.Utc))),
        DateTimeOffset instant => new JValue(Iso(instant.UtcDateTime)),
        DateOnly date => new JValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly time => new JValue(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        TimeSpan span => new JValue(span.ToString("c", CultureInfo.InvariantCulture)),
        Guid id => new JValue(id.ToString()),
        byte[] bytes => new JValue(Convert.ToBase64String(bytes)),
        Array list => new JArray(list.Cast<object?>().Select(item => ToToken(item, dataType.TrimEnd('[', ']')))),
        IFormattable formattable => new JValue(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => new JValue(value.ToString()),
    };

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool IsLarger(object value, object? current) =>
        current is null || (value is IComparable comparable && current.GetType() == value.GetType() && comparable.CompareTo(current) > 0);
}
