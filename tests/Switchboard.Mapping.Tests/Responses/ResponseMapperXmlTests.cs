using Switchboard.Mapping.Responses;
using static Switchboard.Mapping.Tests.Responses.MappingTestData;

namespace Switchboard.Mapping.Tests.Responses;

public sealed class ResponseMapperXmlTests
{
    private const string Envelope = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <soap:Body>
            <FindOrdersResponse xmlns="urn:example:erp">
              <Order id="SO-1" status="R">
                <Total currency="EUR">12.50</Total>
                <Created>01.05.2024 10:00</Created>
                <Paid>1</Paid>
                <Customer><Name>Ada &amp; Co</Name><Phone>030 123456</Phone><Email xsi:nil="true"/></Customer>
                <Line><Sku>A-1</Sku><Qty>2</Qty></Line>
                <Line><Sku>B-2</Sku><Qty>1</Qty></Line>
                <Note></Note>
              </Order>
              <Order id="SO-2" status="X">
                <Total currency="EUR">3</Total>
                <Created>31.10.2024 23:30</Created>
                <Paid>false</Paid>
                <Customer><Name>Bob</Name></Customer>
              </Order>
            </FindOrdersResponse>
          </soap:Body>
        </soap:Envelope>
        """;

    private static readonly Dictionary<string, string> Namespaces = new()
    {
        ["soap"] = "http://schemas.xmlsoap.org/soap/envelope/",
        ["e"] = "urn:example:erp",
    };

    private static readonly ResponseMapping OrderMapping = new()
    {
        Format = ResponseFormat.Xml,
        Namespaces = Namespaces,
        Items = "/soap:Envelope/soap:Body/e:FindOrdersResponse/e:Order",
        Fields = Fields(
            ("id", new FieldMapping { Path = "@id", Required = true }),
            ("status", new FieldMapping { Path = "./@status", Map = new Dictionary<string, string> { ["R"] = "Released", ["X"] = "Cancelled" } }),
            ("total", new FieldMapping { Path = "e:Total", Type = ValueKind.Decimal }),
            ("currency", FieldMapping.ForPath("e:Total/@currency")),
            ("created", new FieldMapping { Path = "e:Created", Type = ValueKind.DateTime, Format = "dd.MM.yyyy HH:mm", TimeZone = "Europe/Berlin" }),
            ("paid", new FieldMapping { Path = "e:Paid", Type = ValueKind.Boolean }),
            ("customer", new FieldMapping
            {
                Path = "e:Customer",
                Fields = Fields(
                    ("name", FieldMapping.ForPath("e:Name")),
                    ("phone", new FieldMapping { Path = "e:Phone", Type = ValueKind.Phone }),
                    ("email", new FieldMapping { Path = "e:Email", Default = "none" })),
            }),
            ("lines", new FieldMapping
            {
                Items = "e:Line",
                Fields = Fields(
                    ("sku", FieldMapping.ForPath("e:Sku")),
                    ("quantity", new FieldMapping { Path = "e:Qty", Type = ValueKind.Integer })),
            }),
            ("skus", new FieldMapping { Items = "e:Line/e:Sku" }),
            ("lineCount", FieldMapping.ForPath("count(e:Line)")),
            ("label", FieldMapping.ForPath("concat(@id, '/', e:Customer/e:Name)")),
            ("note", FieldMapping.ForPath("e:Note"))),
    };

    [Fact]
    public void A_soap_envelope_maps_with_namespaces_attributes_lists_and_functions()
    {
        var records = MapXml(OrderMapping, Envelope);

        records.Count.ShouldBe(2);
        Json(records[0]).ShouldBe(
            """{"id":"SO-1","status":"Released","total":12.50,"currency":"EUR","created":"2024-05-01T08:00:00Z","paid":true,"customer":{"name":"Ada & Co","phone":"+4930123456","email":"none"},"lines":[{"sku":"A-1","quantity":2},{"sku":"B-2","quantity":1}],"skus":["A-1","B-2"],"lineCount":2,"label":"SO-1/Ada & Co","note":""}""");
        Json(records[1]).ShouldBe(
            """{"id":"SO-2","status":"Cancelled","total":3,"currency":"EUR","created":"2024-10-31T22:30:00Z","paid":false,"customer":{"name":"Bob","email":"none"},"lines":[],"skus":[],"lineCount":0,"label":"SO-2/Bob"}""");
    }

    [Fact]
    public void Without_items_the_document_root_is_the_context()
    {
        var mapping = new ResponseMapping
        {
            Namespaces = Namespaces,
            Fields = Fields(
                ("first", FieldMapping.ForPath("//e:Order[1]/@id")),
                ("orders", FieldMapping.ForPath("count(//e:Order)")),
                ("anyPaid", FieldMapping.ForPath("boolean(//e:Order[e:Paid = '1'])"))),
        };

        Json(MapXml(mapping, Envelope).ShouldHaveSingleItem()).ShouldBe("""{"first":"SO-1","orders":2,"anyPaid":true}""");
    }

    [Fact]
    public void An_error_names_the_field_value_and_item()
    {
        var body = Envelope.Replace("<Qty>1</Qty>", "<Qty>1.5</Qty>", StringComparison.Ordinal);

        Should.Throw<MappingException>(() => MapXml(OrderMapping, body))
            .Message.ShouldBe("field 'lines[1].quantity': value \"1.5\" is not a whole number in item 0");
    }

    [Fact]
    public void A_missing_required_attribute_names_its_xpath()
    {
        var body = Envelope.Replace("<Order id=\"SO-2\"", "<Order", StringComparison.Ordinal);

        Should.Throw<MappingException>(() => MapXml(OrderMapping, body))
            .Message.ShouldBe("field 'id': is required but the response has no value at @id in item 1");
    }

    [Fact]
    public void An_undeclared_prefix_at_mapping_time_is_a_mapping_error()
    {
        var mapping = new ResponseMapping { Fields = Fields(("name", FieldMapping.ForPath("//m:Name"))) };

        var error = Should.Throw<MappingException>(() => MapXml(mapping, Envelope));
        error.Field.ShouldBe("name");
        error.Reason.ShouldStartWith("has a path that is not valid XPath (//m:Name): ");
    }

    [Fact]
    public void A_plain_xml_document_without_namespaces_maps_by_element_names()
    {
        var mapping = new ResponseMapping
        {
            Items = "/customers/customer",
            Fields = Fields(
                ("id", new FieldMapping { Path = "id", Type = ValueKind.Integer }),
                ("since", new FieldMapping { Path = "since", Type = ValueKind.Date }),
                ("vip", new FieldMapping { Path = "@vip", Type = ValueKind.Boolean, Default = "false" })),
        };

        MapXml(mapping, "<customers><customer vip='yes'><id>42</id><since>2020-02-29</since></customer><customer><id> 7 </id></customer></customers>")
            .Select(r => Json(r))
            .ShouldBe(["""{"id":42,"since":"2020-02-29","vip":true}""", """{"id":7,"vip":false}"""]);
    }
}
