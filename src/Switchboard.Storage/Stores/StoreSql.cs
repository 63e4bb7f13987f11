using System.Text.Json;
using Dapper;

namespace Switchboard.Storage.Stores;

/// <summary>Conversions shared by the stores, so both providers see the same column values.</summary>
internal static class StoreSql
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? FromMs(long? value) =>
        value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static TEnum ParseEnum<TEnum>(string value)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(value);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value);

    public static T FromJson<T>(string json)
        where T : new() => JsonSerializer.Deserialize<T>(json) ?? new T();

    /// <summary>
    /// Writes <c>(@p0, @p1, ...)</c> for an IN clause and adds the values. Dapper's own list
    /// expansion is not used: on Npgsql it sends one array parameter instead, which would need
    /// <c>= ANY(@p)</c> there and a different SQL text per provider.
    /// </summary>
    public static string InList(DynamicParameters parameters, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("An IN list needs at least one value.", nameof(values));
        }

        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(names[i][1..], values[i]);
        }

        return "(" + string.Join(", ", names) + ")";
    }
}
