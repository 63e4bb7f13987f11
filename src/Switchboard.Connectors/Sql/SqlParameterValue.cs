using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Switchboard.Connectors.Sql;

/// <summary>
/// Turns an operation argument into a typed Npgsql parameter: text stays text (an ISO date-time too,
/// unless the SQL casts it, <c>@since::timestamptz</c>), whole numbers are bigint, other numbers numeric,
/// booleans boolean, objects and lists jsonb, and null an untyped NULL the server types from context.
/// </summary>
internal static class SqlParameterValue
{
    public static NpgsqlParameter Create(string name, JsonNode? node) => node switch
    {
        null => new NpgsqlParameter(name, DBNull.Value),
        JsonValue value => FromValue(name, value),
        _ => new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = node.ToJsonString() },
    };

    public static NpgsqlParameter Text(string name, string text) => new(name, NpgsqlDbType.Text) { Value = text };

    /// <summary>How the value appears in a trace: text quoted, other values as written.</summary>
    public static string Describe(NpgsqlParameter parameter) => parameter.Value switch
    {
        DBNull or null => "null",
        string text when parameter.NpgsqlDbType == NpgsqlDbType.Text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    private static NpgsqlParameter FromValue(string name, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return Text(name, value.GetValue<string>());
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = value.GetValue<bool>() };
            case JsonValueKind.Number:
                var written = value.ToJsonString();
                if (long.TryParse(written, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = whole };
                }

                if (decimal.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = number };
                }

                return new NpgsqlParameter(name, NpgsqlDbType.Double) { Value = double.Parse(written, CultureInfo.InvariantCulture) };
            case JsonValueKind.Null:
                return new NpgsqlParameter(name, DBNull.Value);
            default:
                return new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value.ToJsonString() };
        }
    }
}
