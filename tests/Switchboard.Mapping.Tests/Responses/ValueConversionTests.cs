using static Switchboard.Mapping.Tests.Responses.MappingTestData;

namespace Switchboard.Mapping.Tests.Responses;

public sealed class ValueConversionTests
{
    private static string Convert(FieldMapping field, string jsonValue) =>
        Json(MapOne(field with { Path = "$.v" }, $$"""{"v": {{jsonValue}}}""")!);

    private static string Fails(FieldMapping field, string jsonValue) =>
        MapOneFails(field with { Path = "$.v" }, $$"""{"v": {{jsonValue}}}""").Message;

    private static FieldMapping Of(ValueKind type, string? format = null, string? timeZone = null) =>
        new() { Type = type, Format = format, TimeZone = timeZone };

    [Theory]
    [InlineData("\"text\"", "\"text\"")]
    [InlineData("42", "\"42\"")]
    [InlineData("12.50", "\"12.50\"")]
    [InlineData("true", "\"true\"")]
    public void String_writes_any_single_value_as_text(string source, string expected)
    {
        Convert(Of(ValueKind.String), source).ShouldBe(expected);
    }

    [Fact]
    public void String_refuses_an_object()
    {
        Fails(Of(ValueKind.String), """{"a": 1}""").ShouldBe("field 'value': value \"{\"a\":1}\" is an object, not a single value");
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("\"42\"", "42")]
    [InlineData("\" -7 \"", "-7")]
    [InlineData("42.0", "42")]
    [InlineData("\"1e3\"", "1000")]
    public void Integer_accepts_numbers_and_numbers_as_strings(string source, string expected)
    {
        Convert(Of(ValueKind.Integer), source).ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"4 2\"", "4 2")]
    [InlineData("42.5", "42.5")]
    [InlineData("true", "true")]
    public void Integer_refuses_anything_else(string source, string value)
    {
        Fails(Of(ValueKind.Integer), source).ShouldBe($"field 'value': value \"{value}\" is not a whole number");
    }

    [Fact]
    public void Integer_refuses_a_number_beyond_64_bits()
    {
        Fails(Of(ValueKind.Integer), "123456789012345678901234567890")
            .ShouldBe("field 'value': value \"123456789012345678901234567890\" is too large for a whole number");
    }

    [Fact]
    public void Integer_refuses_a_list()
    {
        Fails(Of(ValueKind.Integer), "[1]").ShouldBe("field 'value': value \"[1]\" is a list, not a single value");
    }

    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData("\"12.50\"", "12.50")]
    [InlineData("7", "7")]
    [InlineData("\"-0.5\"", "-0.5")]
    public void Decimal_accepts_numbers_and_numbers_as_strings(string source, string expected)
    {
        Convert(Of(ValueKind.Decimal), source).ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"12,50\"", "12,50")]
    [InlineData("\"1,234.00\"", "1,234.00")]
    [InlineData("\"EUR 5\"", "EUR 5")]
    public void Decimal_refuses_other_separators_and_text(string source, string value)
    {
        Fails(Of(ValueKind.Decimal), source).ShouldBe($"field 'value': value \"{value}\" is not a decimal number");
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("\"FALSE\"", "false")]
    [InlineData("\"yes\"", "true")]
    [InlineData("\"no\"", "false")]
    [InlineData("1", "true")]
    [InlineData("\"0\"", "false")]
    public void Boolean_accepts_the_usual_spellings(string source, string expected)
    {
        Convert(Of(ValueKind.Boolean), source).ShouldBe(expected);
    }

    [Fact]
    public void Boolean_refuses_anything_else()
    {
        Fails(Of(ValueKind.Boolean), "\"maybe\"").ShouldBe("field 'value': value \"maybe\" is not a boolean (true/false, 1/0 or yes/no)");
    }

    [Theory]
    [InlineData("\"2024-05-01T10:00:00+02:00\"", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("\"2024-05-01T08:00:00Z\"", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("\"2024-05-01T08:00:00.120Z\"", "\"2024-05-01T08:00:00.12Z\"")]
    [InlineData("\"2024-05-01 08:00:00\"", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("\"2024-05-01\"", "\"2024-05-01T00:00:00Z\"")]
    public void DateTime_reads_iso_text_and_writes_utc(string source, string expected)
    {
        Convert(Of(ValueKind.DateTime), source).ShouldBe(expected);
    }

    [Fact]
    public void DateTime_reads_a_local_time_in_the_fields_time_zone()
    {
        Convert(Of(ValueKind.DateTime, timeZone: "Europe/Berlin"), "\"2024-05-01T10:00:00\"").ShouldBe("\"2024-05-01T08:00:00Z\"");
        Convert(Of(ValueKind.DateTime, timeZone: "Europe/Berlin"), "\"2024-01-15T10:00:00\"").ShouldBe("\"2024-01-15T09:00:00Z\"");
        Convert(Of(ValueKind.DateTime, timeZone: "America/New_York"), "\"2024-05-01T10:00:00Z\"").ShouldBe("\"2024-05-01T10:00:00Z\"");
    }

    [Theory]
    [InlineData("epochSeconds", "1714550400", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("epochSeconds", "\"1714550400\"", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("epochMillis", "1714550400250", "\"2024-05-01T08:00:00.25Z\"")]
    [InlineData("dd.MM.yyyy HH:mm", "\"01.05.2024 08:00\"", "\"2024-05-01T08:00:00Z\"")]
    [InlineData("MM/dd/yyyy h:mm tt zzz", "\"05/01/2024 4:00 AM -04:00\"", "\"2024-05-01T08:00:00Z\"")]
    public void DateTime_reads_epochs_and_custom_formats(string format, string source, string expected)
    {
        Convert(Of(ValueKind.DateTime, format), source).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "\"05/01/2024\"", "05/01/2024", "iso")]
    [InlineData(null, "1714550400", "1714550400", "iso")]
    [InlineData("epochSeconds", "\"yesterday\"", "yesterday", "epochSeconds")]
    [InlineData("epochMillis", "1e30", "1E+30", "epochMillis")]
    [InlineData("dd.MM.yyyy", "\"2024-05-01\"", "2024-05-01", "dd.MM.yyyy")]
    public void DateTime_refuses_text_in_another_format(string? format, string source, string value, string named)
    {
        Fails(Of(ValueKind.DateTime, format), source).ShouldBe($"field 'value': value \"{value}\" is not a date in the format {named}");
    }

    [Fact]
    public void DateTime_refuses_a_local_time_the_clocks_skip()
    {
        Fails(Of(ValueKind.DateTime, timeZone: "Europe/Berlin"), "\"2024-03-31T02:30:00\"")
            .ShouldBe("field 'value': value \"2024-03-31T02:30:00\" is a local time that does not exist in Europe/Berlin (the clocks skip it)");
    }

    [Fact]
    public void DateTime_with_an_unknown_time_zone_says_so()
    {
        Fails(Of(ValueKind.DateTime, timeZone: "Mars/Olympus"), "\"2024-05-01T10:00:00\"")
            .ShouldBe("field 'value': value \"2024-05-01T10:00:00\" cannot be read in the time zone 'Mars/Olympus', which is not an IANA time zone this machine knows (for example Europe/Berlin)");
    }

    [Theory]
    [InlineData(null, null, "\"2024-05-01\"", "\"2024-05-01\"")]
    [InlineData(null, null, "\"2024-05-01T23:30:00-05:00\"", "\"2024-05-01\"")]
    [InlineData("epochSeconds", "Asia/Tokyo", "1714580000", "\"2024-05-02\"")]
    [InlineData("dd.MM.yyyy", null, "\"29.02.2024\"", "\"2024-02-29\"")]
    public void Date_writes_the_calendar_date(string? format, string? timeZone, string source, string expected)
    {
        Convert(Of(ValueKind.Date, format, timeZone), source).ShouldBe(expected);
    }

    [Fact]
    public void Date_refuses_an_impossible_date()
    {
        Fails(Of(ValueKind.Date), "\"2023-02-29\"").ShouldBe("field 'value': value \"2023-02-29\" is not a date in the format iso");
    }

    [Theory]
    [InlineData("\"030 123456\"", "\"+4930123456\"")]
    [InlineData("\"+44 20 7946 0958\"", "\"+442079460958\"")]
    [InlineData("4930123456", "\"+4930123456\"")]
    [InlineData("\"tel:+1-415-555-0134\"", "\"+14155550134\"")]
    public void Phone_writes_e164(string source, string expected)
    {
        Convert(Of(ValueKind.Phone), source).ShouldBe(expected);
    }

    [Fact]
    public void Phone_refuses_a_number_that_cannot_exist()
    {
        Fails(Of(ValueKind.Phone), "\"not a phone\"").ShouldBe("field 'value': value \"not a phone\" is not a phone number");
    }

    [Fact]
    public void A_withheld_phone_number_counts_as_no_value()
    {
        var field = new FieldMapping { Path = "$.v", Type = ValueKind.Phone, Required = true };

        MapOneFails(field, """{"v": "anonymous"}""").Message.ShouldBe("field 'value': is required but the response has no value at $.v");
    }

    [Fact]
    public void Blank_text_counts_as_no_value_for_types_other_than_text()
    {
        MapOne(new FieldMapping { Path = "$.v", Type = ValueKind.Integer, Default = "0" }, """{"v": " "}""")!.GetValue<long>().ShouldBe(0);
        MapOne(new FieldMapping { Path = "$.v", Type = ValueKind.String }, """{"v": ""}""")!.GetValue<string>().ShouldBe("");
    }

    [Fact]
    public void A_long_offending_value_is_shortened_to_200_characters()
    {
        var error = MapOneFails(new FieldMapping { Path = "$.v", Type = ValueKind.Integer }, $$"""{"v": "{{new string('x', 500)}}"}""");

        error.Value!.Length.ShouldBe(200);
        error.Value.ShouldEndWith("…");
    }
}
