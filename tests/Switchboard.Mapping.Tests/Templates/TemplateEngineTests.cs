using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Templates;

namespace Switchboard.Mapping.Tests.Templates;

public sealed class TemplateEngineTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TemplateEngine _engine = new(new PhoneNormalizer("DE"), new FakeTimeProvider(Now));

    private string Render(string template, string valuesJson = "{}")
    {
        var values = JsonNode.Parse(valuesJson)!.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value);
        return _engine.Compile(template).Render(values);
    }

    [Fact]
    public void Nested_values_are_reached_by_member_access()
    {
        Render("{{ customer.name }} lives in {{ customer.address.city }}",
                """{"customer": {"name": "Ada", "address": {"city": "Berlin"}}}""")
            .ShouldBe("Ada lives in Berlin");
    }

    [Fact]
    public void Arrays_are_iterated_and_indexed()
    {
        Render("{% for line in lines %}{{ forloop.index }}:{{ line.sku }}x{{ line.qty }};{% endfor %} first={{ lines[0].sku }} n={{ lines.size }}",
                """{"lines": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1.5}]}""")
            .ShouldBe("1:A-1x2;2:B-2x1.5; first=A-1 n=2");
    }

    [Fact]
    public void An_absent_variable_renders_empty()
    {
        Render("[{{ missing }}][{{ customer.missing }}]", """{"customer": {}}""").ShouldBe("[][]");
    }

    [Fact]
    public void Output_is_not_html_encoded()
    {
        Render("{{ text }}", """{"text": "<a & 'b'>"}""").ShouldBe("<a & 'b'>");
    }

    [Fact]
    public void Booleans_and_numbers_keep_their_kind()
    {
        Render("{% if active %}on{% endif %} {{ count | plus: 1 }} {{ price }}", """{"active": true, "count": 41, "price": 12.50}""")
            .ShouldBe("on 42 12.5"); // Fluid writes numbers without trailing zeros; json keeps them
    }

    [Fact]
    public void Url_encode_encodes_reserved_characters_form_style()
    {
        Render("{{ q | url_encode }}", """{"q": "a b+c&d=é/?"}""").ShouldBe("a+b%2Bc%26d%3D%C3%A9%2F%3F");
    }

    [Fact]
    public void Json_writes_arrays_objects_and_escaped_strings()
    {
        Render("{{ lines | json }}", """{"lines": [{"sku": "A\"1", "qty": 2}, 3.50, true, null]}""")
            .ShouldBe("""[{"sku":"A\"1","qty":2},3.50,true,null]""");
        Render("{{ name | json }}", """{"name": "Ada \"the\" first"}""").ShouldBe("\"Ada \\\"the\\\" first\"");
        Render("{{ n | json }}", """{"n": 42}""").ShouldBe("42");
        Render("{{ c | json }}", """{"c": {"name": "Zoë", "tags": ["a"]}}""").ShouldBe("""{"name":"Zoë","tags":["a"]}""");
    }

    [Fact]
    public void Json_of_an_absent_or_null_value_is_null()
    {
        Render("{{ missing | json }},{{ gone | json }}", """{"gone": null}""").ShouldBe("null,null");
    }

    [Fact]
    public void Xml_escape_escapes_the_five_special_characters()
    {
        Render("<Name>{{ name | xml_escape }}</Name>", """{"name": "Tom & \"Jerry\" <'co'>"}""")
            .ShouldBe("<Name>Tom &amp; &quot;Jerry&quot; &lt;&apos;co&apos;&gt;</Name>");
    }

    [Fact]
    public void Epoch_filters_read_iso_text()
    {
        Render("{{ at | epoch_seconds }} {{ at | epoch_millis }}", """{"at": "2024-05-01T10:00:00.250+02:00"}""")
            .ShouldBe("1714550400 1714550400250");
    }

    [Fact]
    public void Iso8601_writes_utc_and_fractions_only_when_present()
    {
        Render("{{ a | iso8601 }} {{ b | iso8601 }} {{ c | iso8601 }}",
                """{"a": "2024-05-01T12:00:00+02:00", "b": "2024-05-01T10:00:00.5Z", "c": 1714557600}""")
            .ShouldBe("2024-05-01T10:00:00Z 2024-05-01T10:00:00.5Z 2024-05-01T10:00:00Z");
    }

    [Fact]
    public void Now_is_the_time_providers_current_time()
    {
        Render("{{ now | iso8601 }} {{ now | epoch_seconds }} {{ 'now' | date: '%Y-%m-%d' }}")
            .ShouldBe("2024-05-01T10:00:00Z 1714557600 2024-05-01");
    }

    [Fact]
    public void Date_formats_iso_text_from_json_values_in_utc()
    {
        Render("{{ at | date: '%d.%m.%Y %H:%M' }}", """{"at": "2024-05-01T10:30:00Z"}""").ShouldBe("01.05.2024 10:30");
    }

    [Fact]
    public void A_date_filter_given_text_that_is_not_a_date_fails_the_render()
    {
        Should.Throw<TemplateRenderException>(() => Render("{{ at | epoch_seconds }}", """{"at": "next tuesday"}"""))
            .Message.ShouldBe("the epoch_seconds filter got \"next tuesday\", which is not a date");
    }

    [Fact]
    public void Phone_filters_write_e164_national_and_digits()
    {
        Render("{{ p | phone_e164 }} | {{ p | phone_national }} | {{ p | phone_digits }}", """{"p": "030 123456"}""")
            .ShouldBe("+4930123456 | 030 123456 | 4930123456");
    }

    [Fact]
    public void Phone_national_uses_the_numbers_own_region()
    {
        Render("{{ p | phone_national }}", """{"p": "+1 415 555 0134"}""").ShouldBe("(415) 555-0134");
    }

    [Fact]
    public void Phone_e164_takes_a_region_for_national_numbers()
    {
        Render("{{ p | phone_e164: 'GB' }}", """{"p": "020 7946 0958"}""").ShouldBe("+442079460958");
    }

    [Fact]
    public void A_phone_filter_given_something_that_is_not_a_number_fails_the_render()
    {
        Should.Throw<TemplateRenderException>(() => Render("{{ p | phone_e164 }}", """{"p": "12"}"""))
            .Message.ShouldBe("the phone_e164 filter got \"12\", which is not a number in use in region DE");
    }

    [Fact]
    public void Phone_and_date_filters_render_nothing_for_absent_values()
    {
        Render("[{{ p | phone_e164 }}][{{ d | iso8601 }}][{{ p | phone_national }}]").ShouldBe("[][][]");
    }

    [Fact]
    public void Default_replaces_absent_and_empty_values()
    {
        Render("{{ a | default: 'none' }} {{ b | default: 'none' }} {{ c | default: 'none' }}", """{"b": "", "c": "set"}""")
            .ShouldBe("none none set");
    }

    [Fact]
    public void A_template_with_an_unknown_filter_does_not_compile()
    {
        Should.Throw<TemplateSyntaxException>(() => _engine.Compile("{{ q | urlencode }}"))
            .Message.ShouldBe("uses the unknown filter 'urlencode' (did you mean 'url_encode'?)");
    }

    [Fact]
    public void A_template_with_a_syntax_error_does_not_compile()
    {
        Should.Throw<TemplateSyntaxException>(() => _engine.Compile("{{ q "))
            .Message.ShouldBe("has a syntax error at line 1, column 5: End of tag '}}' was expected");
    }

    [Fact]
    public void Compiled_templates_are_cached_by_source()
    {
        var first = _engine.Compile("{{ a }}");
        _engine.Compile("{{ a }}").ShouldBeSameAs(first);
        first.Source.ShouldBe("{{ a }}");
    }

    [Fact]
    public void A_compiled_template_renders_concurrently()
    {
        var template = _engine.Compile("{% for x in xs %}{{ x | plus: n }},{% endfor %}");
        var results = Enumerable.Range(0, 64).AsParallel().Select(n => template.Render(new Dictionary<string, JsonNode?>
        {
            ["xs"] = new JsonArray(1, 2),
            ["n"] = n,
        })).ToList();

        results.Select((text, n) => text == $"{1 + n},{2 + n},").ShouldAllBe(ok => ok);
    }
}
