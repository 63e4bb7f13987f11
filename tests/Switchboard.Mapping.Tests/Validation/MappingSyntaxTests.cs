using Switchboard.Mapping.Validation;

namespace Switchboard.Mapping.Tests.Validation;

public sealed class MappingSyntaxTests
{
    private static readonly Dictionary<string, string> NoNamespaces = [];

    private static readonly Dictionary<string, string> Crm = new()
    {
        ["soap"] = "http://schemas.xmlsoap.org/soap/envelope/",
        ["c"] = "urn:example:crm",
    };

    [Theory]
    [InlineData("/customers/{{ id | url_encode }}")]
    [InlineData("{% for line in lines %}{{ line.sku | xml_escape }}{% endfor %}")]
    [InlineData("{{ when | epoch_seconds }} {{ when | epoch_millis }} {{ when | iso8601 }} {{ when | date: '%Y' }}")]
    [InlineData("{{ phone | phone_e164 }} {{ phone | phone_national }} {{ phone | phone_digits }} {{ x | json }} {{ x | default: 'n/a' | upcase }}")]
    [InlineData("plain text")]
    public void Well_formed_templates_with_known_filters_pass(string template)
    {
        MappingSyntax.ValidateTemplate(template).ShouldBeNull();
    }

    [Fact]
    public void A_syntax_error_names_line_and_column()
    {
        MappingSyntax.ValidateTemplate("{\n  \"name\": {{ customer.name | }}\n}")
            .ShouldBe("has a syntax error at line 2, column 29: An identifier was expected after the '|' sign");
    }

    [Fact]
    public void An_unclosed_block_is_a_syntax_error()
    {
        MappingSyntax.ValidateTemplate("{% if x %}yes")
            .ShouldBe("has a syntax error at line 1, column 14: '{% endif %}' was expected");
    }

    [Fact]
    public void An_unknown_filter_is_reported_with_the_closest_known_name()
    {
        MappingSyntax.ValidateTemplate("/search?q={{ name | urlencode }}")
            .ShouldBe("uses the unknown filter 'urlencode' (did you mean 'url_encode'?)");
    }

    [Fact]
    public void A_misspelt_hub_filter_is_suggested_too()
    {
        MappingSyntax.ValidateTemplate("{{ p | phone_e146 }}")
            .ShouldBe("uses the unknown filter 'phone_e146' (did you mean 'phone_e164'?)");
    }

    [Fact]
    public void An_unknown_filter_inside_a_loop_and_a_chain_is_found()
    {
        MappingSyntax.ValidateTemplate("{% for l in lines %}{{ l.sku | upcase | frobnicate }}{% endfor %}")
            .ShouldBe("uses the unknown filter 'frobnicate'");
    }

    [Theory]
    [InlineData("$.customer.name")]
    [InlineData("$.records[*].id")]
    [InlineData("$..phones[?(@.type == 'mobile')].number")]
    [InlineData("$['@odata.nextLink']")]
    [InlineData("$")]
    public void Valid_JSONPaths_pass(string path)
    {
        MappingSyntax.ValidateJsonPath(path).ShouldBeNull();
    }

    [Fact]
    public void A_JSONPath_must_start_at_the_root()
    {
        MappingSyntax.ValidateJsonPath("customer.name")
            .ShouldBe("is not a valid JSONPath: it must start with '$' (for example $.customer.name)");
    }

    [Fact]
    public void A_broken_JSONPath_is_reported()
    {
        MappingSyntax.ValidateJsonPath("$.records[*")
            .ShouldBe("is not a valid JSONPath: Path ended with open indexer.");
    }

    [Fact]
    public void An_empty_JSONPath_is_reported()
    {
        MappingSyntax.ValidateJsonPath(" ").ShouldBe("is empty; a JSONPath starts with '$' (for example $.id)");
    }

    [Theory]
    [InlineData("/soap:Envelope/soap:Body/c:GetCustomerResponse/c:Customer")]
    [InlineData("c:Name")]
    [InlineData("./@id")]
    [InlineData("string(c:Address/c:City)")]
    [InlineData("count(c:Line) > 0")]
    [InlineData("child::c:Name[text() = 'a:b']")]
    public void Valid_XPaths_with_declared_prefixes_pass(string path)
    {
        MappingSyntax.ValidateXPath(path, Crm).ShouldBeNull();
    }

    [Fact]
    public void An_XPath_prefix_that_is_not_declared_is_named()
    {
        MappingSyntax.ValidateXPath("//m:Customer/m:Name", Crm)
            .ShouldBe("uses the prefix 'm' which is not declared under namespaces");
    }

    [Fact]
    public void A_broken_XPath_is_reported()
    {
        MappingSyntax.ValidateXPath("//c:Customer[", Crm)!.ShouldStartWith("is not a valid XPath: ");
    }

    [Fact]
    public void An_unknown_XPath_function_is_reported()
    {
        MappingSyntax.ValidateXPath("upper-case(c:Name)", Crm)!.ShouldStartWith("is not a valid XPath: ");
    }

    [Fact]
    public void Auto_format_reads_dollar_paths_as_JSONPath_and_others_as_XPath()
    {
        MappingSyntax.ValidatePath("$.id", ResponseFormat.Auto, NoNamespaces).ShouldBeNull();
        MappingSyntax.ValidatePath("//id", ResponseFormat.Auto, NoNamespaces).ShouldBeNull();
        MappingSyntax.ValidatePath("x:id", ResponseFormat.Auto, NoNamespaces)
            .ShouldBe("uses the prefix 'x' which is not declared under namespaces");
    }

    [Fact]
    public void Json_format_requires_JSONPath_and_xml_format_requires_XPath()
    {
        MappingSyntax.ValidatePath("//id", ResponseFormat.Json, NoNamespaces)
            .ShouldBe("is not a valid JSONPath: it must start with '$' (for example $.//id)");
        MappingSyntax.ValidatePath("$.id", ResponseFormat.Xml, NoNamespaces)!.ShouldStartWith("is not a valid XPath: ");
    }
}
