using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Storage.Tests.Support;

/// <summary>
/// Deep comparison of canonical records by value. Shouldly's equivalence also compares the
/// runtime types of collections (an array against a list), which a store cannot preserve.
/// </summary>
public static class ModelAssert
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new ScaleFreeDecimalConverter() },
    };

    public static void ShouldMatch<T>(this T? actual, T expected)
        where T : class
    {
        actual.ShouldNotBeNull();
        JsonSerializer.Serialize(actual, Options).ShouldBe(JsonSerializer.Serialize(expected, Options));
    }

    /// <summary>1.5 and 1.50 are the same amount; SQLite and PostgreSQL keep different scales.</summary>
    private sealed class ScaleFreeDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("G29", CultureInfo.InvariantCulture));
    }
}
