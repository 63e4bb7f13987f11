using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Switchboard.Mapping.Responses;

namespace Switchboard.Mapping.Tests.Responses;

public sealed class ResponseDocumentTests
{
    private static readonly Dictionary<string, string> NoNamespaces = [];

    [Theory]
    [InlineData("application/xml", true)]
    [InlineData("text/xml; charset=utf-8", true)]
    [InlineData("application/soap+xml; charset=utf-8", true)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Auto_format_follows_the_content_type(string? contentType, bool isXml)
    {
        var body = isXml ? "<a>1</a>" : """{"a": 1}""";
        ResponseDocument.Parse(body, ResponseFormat.Auto, contentType).IsXml.ShouldBe(isXml);
    }

    [Fact]
    public void Auto_format_reads_a_body_starting_with_an_angle_bracket_as_xml()
    {
        ResponseDocument.Parse("  <a>1</a>", ResponseFormat.Auto, "text/plain").IsXml.ShouldBeTrue();
    }

    [Fact]
    public void A_declared_format_wins_over_the_content_type()
    {
        ResponseDocument.Parse("""{"a": 1}""", ResponseFormat.Json, "text/xml").IsXml.ShouldBeFalse();
    }

    [Fact]
    public void Select_text_reads_json_values_as_text()
    {
        var document = ResponseDocument.Parse(
            """{"error": {"message": "No such customer", "code": 404, "retry": false, "at": "2024-05-01T10:00:00Z", "n": null}, "@odata.nextLink": "https://x/next"}""",
            ResponseFormat.Auto,
            "application/json");

        document.SelectText("$.error.message", NoNamespaces).ShouldBe("No such customer");
        document.SelectText("$.error.code", NoNamespaces).ShouldBe("404");
        document.SelectText("$.error.retry", NoNamespaces).ShouldBe("false");
        document.SelectText("$.error.at", NoNamespaces).ShouldBe("2024-05-01T10:00:00Z"); // dates stay text
        document.SelectText("$.error.n", NoNamespaces).ShouldBeNull();
        document.SelectText("$.missing", NoNamespaces).ShouldBeNull();
        document.SelectText("$['@odata.nextLink']", NoNamespaces).ShouldBe("https://x/next");
    }

    [Fact]
    public void Select_text_reads_a_soap_fault_with_namespaces()
    {
        var document = ResponseDocument.Parse(
            """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
              <soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unknown customer</faultstring></soap:Fault></soap:Body>
            </soap:Envelope>
            """,
            ResponseFormat.Auto,
            "text/xml");
        var namespaces = new Dictionary<string, string> { ["s"] = "http://schemas.xmlsoap.org/soap/envelope/" };

        document.SelectText("/s:Envelope/s:Body/s:Fault/faultstring", namespaces).ShouldBe("Unknown customer");
        document.SelectText("count(//s:Fault)", namespaces).ShouldBe("1");
        document.SelectText("//nothing", namespaces).ShouldBeNull();
    }

    [Fact]
    public void Json_fractions_are_read_as_decimals()
    {
        var document = ResponseDocument.Parse("""{"amount": 0.1, "big": 12345678901234567890.12}""", ResponseFormat.Json, null);
        document.SelectText("$.amount", NoNamespaces).ShouldBe("0.1");
        document.SelectText("$.big", NoNamespaces).ShouldBe("12345678901234567890.12");
    }

    [Fact]
    public void Numbers_beyond_the_decimal_range_are_still_read()
    {
        var document = ResponseDocument.Parse("""{"huge": 1e30, "small": 0.5}""", ResponseFormat.Json, null);
        document.SelectText("$.huge", NoNamespaces).ShouldBe("1E+30");
        document.SelectText("$.small", NoNamespaces).ShouldBe("0.5");
    }

    [Fact]
    public void A_trailing_comment_is_not_more_content()
    {
        ResponseDocument.Parse("{\"a\": 1} // done", ResponseFormat.Json, null).SelectText("$.a", NoNamespaces).ShouldBe("1");
    }

    [Fact]
    public void Invalid_json_names_line_and_position()
    {
        var error = Should.Throw<ResponseFormatException>(() =>
            ResponseDocument.Parse("{\n  \"a\": 1,\n  \"b\": tru\n}", ResponseFormat.Json, "application/json"));

        error.Reason.ShouldBe("is not valid JSON at line 3, position 10: Error parsing boolean value");
        error.Message.ShouldStartWith("The response body is not valid JSON at line 3");
    }

    [Fact]
    public void Text_after_the_json_value_is_refused()
    {
        Should.Throw<ResponseFormatException>(() => ResponseDocument.Parse("""{"a": 1} {"b": 2}""", ResponseFormat.Json, null))
            .Reason.ShouldBe("is not valid JSON at line 1, position 9: Additional text encountered after finished reading JSON content: {");
    }

    [Fact]
    public void Malformed_xml_names_line_and_position()
    {
        Should.Throw<ResponseFormatException>(() => ResponseDocument.Parse("<a>\n  <b>1</c>\n</a>", ResponseFormat.Xml, null))
            .Reason.ShouldBe("is not well-formed XML at line 2, position 9: The 'b' start tag on line 2 position 4 does not match the end tag of 'c'");
    }

    [Fact]
    public void Xml_with_a_doctype_is_refused()
    {
        Should.Throw<ResponseFormatException>(() =>
                ResponseDocument.Parse("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", ResponseFormat.Xml, null))
            .Reason.ShouldBe("has a DTD (<!DOCTYPE>), which is refused");
    }

    [Fact]
    public void A_billion_laughs_payload_is_refused_before_any_expansion()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i =>
            $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var body = $"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">{entities}]><lolz>&lol9;</lolz>";
        var watch = Stopwatch.StartNew();

        Should.Throw<ResponseFormatException>(() => ResponseDocument.Parse(body, ResponseFormat.Auto, "application/xml"))
            .Reason.ShouldBe("has a DTD (<!DOCTYPE>), which is refused");
        // Expanded, the entities make 10^9 copies of "lol" (gigabytes): minutes, not the few seconds a cold start on a
        // busy machine may take.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_empty_body_is_an_empty_document()
    {
        ResponseDocument.Parse("  ", ResponseFormat.Json, null).IsEmpty.ShouldBeTrue();
        ResponseDocument.Parse("", ResponseFormat.Xml, null).IsEmpty.ShouldBeTrue();
        ResponseDocument.Parse("null", ResponseFormat.Json, null).IsEmpty.ShouldBeTrue();
        ResponseDocument.Parse("", ResponseFormat.Auto, null).SelectText("$.a", NoNamespaces).ShouldBeNull();
    }

    [Fact]
    public void A_token_can_be_wrapped_directly()
    {
        var document = ResponseDocument.FromJson(JObject.Parse("""{"id": "c-1"}"""));
        document.IsXml.ShouldBeFalse();
        document.SelectText("$.id", NoNamespaces).ShouldBe("c-1");
    }
}
