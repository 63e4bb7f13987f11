using Switchboard.Mapping.Responses;
using static Switchboard.Mapping.Tests.Responses.MappingTestData;

namespace Switchboard.Mapping.Tests.Responses;

public sealed class ResponseMapperJsonTests
{
    private const string Orders = """
        {
          "value": [
            {"Id": 7, "Status": "OPEN", "Total": "12.50", "Customer": {"Name": "Ada", "Phone": "030 123456"},
             "Lines": [{"Sku": "A-1", "Qty": "2"}, {"Sku": "B-2", "Qty": 1}], "Tags": ["vip", "new"], "Extra": {"x": [1, 2]}},
            {"Id": 8, "Status": "closed", "Total": 3, "Customer": {"Name": "Bob"}, "Lines": [], "Tags": [], "Extra": null}
          ],
          "@odata.nextLink": "https://erp/orders?$skip=2"
        }
        """;

    private static readonly ResponseMapping OrderMapping = new()
    {
        Items = "$.value[*]",
        Fields = Fields(
            ("id", new FieldMapping { Path = "$.Id", Type = ValueKind.String, Required = true }),
            ("status", new FieldMapping { Path = "$.Status", Map = new Dictionary<string, string> { ["open"] = "Open", ["closed"] = "Closed" } }),
            ("total", new FieldMapping { Path = "$.Total", Type = ValueKind.Decimal }),
            ("customer", new FieldMapping
            {
                Path = "$.Customer",
                Fields = Fields(
                    ("name", FieldMapping.ForPath("$.Name")),
                    ("phone", new FieldMapping { Path = "$.Phone", Type = ValueKind.Phone })),
            }),
            ("lines", new FieldMapping
            {
                Items = "$.Lines[*]",
                Fields = Fields(
                    ("sku", FieldMapping.ForPath("$.Sku")),
                    ("quantity", new FieldMapping { Path = "$.Qty", Type = ValueKind.Integer })),
            }),
            ("tags", new FieldMapping { Items = "$.Tags[*]" }),
            ("extra", FieldMapping.ForPath("$.Extra")),
            ("currency", new FieldMapping { Default = "EUR" })),
    };

    [Fact]
    public void Every_item_becomes_a_record_with_lists_nested_objects_maps_and_defaults()
    {
        var records = MapJson(OrderMapping, Orders);

        records.Count.ShouldBe(2);
        Json(records[0]).ShouldBe(
            """{"id":"7","status":"Open","total":12.50,"customer":{"name":"Ada","phone":"+4930123456"},"lines":[{"sku":"A-1","quantity":2},{"sku":"B-2","quantity":1}],"tags":["vip","new"],"extra":{"x":[1,2]},"currency":"EUR"}""");
        Json(records[1]).ShouldBe(
            """{"id":"8","status":"Closed","total":3,"customer":{"name":"Bob"},"lines":[],"tags":[],"currency":"EUR"}""");
    }

    [Fact]
    public void Without_items_the_whole_document_is_one_record()
    {
        var mapping = new ResponseMapping { Fields = Fields(("next", FieldMapping.ForPath("$['@odata.nextLink']"))) };

        Json(MapJson(mapping, Orders).ShouldHaveSingleItem()).ShouldBe("""{"next":"https://erp/orders?$skip=2"}""");
    }

    [Fact]
    public void An_empty_body_or_json_null_gives_no_records()
    {
        var mapping = new ResponseMapping { Fields = Fields(("id", new FieldMapping { Path = "$.id", Required = true })) };

        MapJson(mapping, "").ShouldBeEmpty();
        MapJson(mapping, "null").ShouldBeEmpty();
    }

    [Fact]
    public void Items_that_match_nothing_give_no_records()
    {
        MapJson(OrderMapping, """{"value": []}""").ShouldBeEmpty();
        MapJson(OrderMapping, """{}""").ShouldBeEmpty();
    }

    [Fact]
    public void An_items_path_to_an_array_iterates_its_elements()
    {
        var mapping = new ResponseMapping { Items = "$.records", Fields = Fields(("id", FieldMapping.ForPath("$.id"))) };

        MapJson(mapping, """{"records": [{"id": 1}, {"id": 2}]}""").Select(r => Json(r)).ShouldBe(["""{"id":1}""", """{"id":2}"""]);
    }

    [Fact]
    public void A_bare_array_body_is_mapped_with_a_root_wildcard()
    {
        var mapping = new ResponseMapping { Items = "$[*]", Fields = Fields(("id", FieldMapping.ForPath("$.id"))) };

        MapJson(mapping, """[{"id": "a"}, {"id": "b"}]""").Count.ShouldBe(2);
    }

    [Fact]
    public void Missing_optional_fields_are_left_out_rather_than_null()
    {
        var mapping = new ResponseMapping
        {
            Fields = Fields(
                ("name", FieldMapping.ForPath("$.name")),
                ("email", FieldMapping.ForPath("$.email")),
                ("address", new FieldMapping { Path = "$.address", Fields = Fields(("city", FieldMapping.ForPath("$.city"))) })),
        };

        Json(MapJson(mapping, """{"name": "Ada", "email": null}""").ShouldHaveSingleItem()).ShouldBe("""{"name":"Ada"}""");
    }

    [Fact]
    public void Auto_keeps_json_types()
    {
        var mapping = new ResponseMapping
        {
            Fields = Fields(
                ("n", FieldMapping.ForPath("$.n")),
                ("d", FieldMapping.ForPath("$.d")),
                ("b", FieldMapping.ForPath("$.b")),
                ("s", FieldMapping.ForPath("$.s")),
                ("when", FieldMapping.ForPath("$.when")),
                ("list", FieldMapping.ForPath("$.list"))),
        };

        Json(MapJson(mapping, """{"n": 42, "d": 0.10, "b": false, "s": "x", "when": "2024-05-01T10:00:00+02:00", "list": [1, {"a": null}]}""")[0])
            .ShouldBe("""{"n":42,"d":0.10,"b":false,"s":"x","when":"2024-05-01T10:00:00+02:00","list":[1,{"a":null}]}""");
    }

    [Fact]
    public void A_scalar_path_with_several_matches_takes_the_first()
    {
        MapOne(FieldMapping.ForPath("$.phones[?(@.type == 'work')].number"),
                """{"phones": [{"type": "home", "number": "1"}, {"type": "work", "number": "2"}, {"type": "work", "number": "3"}]}""")!
            .GetValue<string>().ShouldBe("2");
    }

    [Fact]
    public void A_path_without_value_uses_the_default_converted_like_a_found_value()
    {
        MapOne(new FieldMapping { Path = "$.qty", Type = ValueKind.Integer, Default = "1" }, "{}")!.GetValue<long>().ShouldBe(1);
        MapOne(new FieldMapping { Path = "$.qty", Type = ValueKind.Integer, Default = "1" }, """{"qty": null}""")!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public void A_default_that_does_not_fit_the_type_is_reported_with_its_value()
    {
        MapOneFails(new FieldMapping { Path = "$.qty", Type = ValueKind.Integer, Default = "one" }, "{}")
            .Message.ShouldBe("field 'value': value \"one\" is not a whole number");
    }

    [Fact]
    public void A_required_field_without_value_names_its_path()
    {
        var error = MapOneFails(new FieldMapping { Path = "$.customer.id", Required = true }, """{"customer": {}}""");

        error.Field.ShouldBe("value");
        error.Value.ShouldBeNull();
        error.Reason.ShouldBe("is required but the response has no value at $.customer.id");
        error.Message.ShouldBe("field 'value': is required but the response has no value at $.customer.id");
    }

    [Fact]
    public void A_required_nested_object_that_is_missing_is_reported()
    {
        var field = new FieldMapping { Path = "$.customer", Required = true, Fields = Fields(("id", FieldMapping.ForPath("$.id"))) };

        MapOneFails(field, "{}").Message.ShouldBe("field 'value': is required but the response has no value at $.customer");
    }

    [Fact]
    public void A_required_list_needs_at_least_one_element()
    {
        var field = new FieldMapping { Items = "$.lines[*]", Required = true, Fields = Fields(("sku", FieldMapping.ForPath("$.sku"))) };

        MapOneFails(field, """{"lines": []}""").Message.ShouldBe("field 'value': is required but the response has no value at $.lines[*]");
    }

    [Fact]
    public void An_error_inside_a_list_names_the_element_and_the_item()
    {
        var body = """
            {"value": [
              {"Id": 1, "Status": "open", "Total": 1, "Customer": {"Name": "a"}, "Lines": [], "Tags": []},
              {"Id": 2, "Status": "open", "Total": 1, "Customer": {"Name": "b"},
               "Lines": [{"Sku": "a", "Qty": 1}, {"Sku": "b", "Qty": 1}, {"Sku": "c", "Qty": "two"}], "Tags": []}
            ]}
            """;

        var error = Should.Throw<MappingException>(() => MapJson(OrderMapping, body));

        error.Field.ShouldBe("lines[2].quantity");
        error.Value.ShouldBe("two");
        error.Reason.ShouldBe("is not a whole number in item 1");
        error.Message.ShouldBe("field 'lines[2].quantity': value \"two\" is not a whole number in item 1");
    }

    [Fact]
    public void An_error_in_a_nested_object_names_the_dotted_field()
    {
        var body = """{"value": [{"Id": 1, "Status": "open", "Total": 1, "Customer": {"Name": "a", "Phone": "12"}, "Lines": [], "Tags": []}]}""";

        Should.Throw<MappingException>(() => MapJson(OrderMapping, body))
            .Message.ShouldBe("field 'customer.phone': value \"12\" is not a number in use in region DE in item 0");
    }

    [Fact]
    public void A_value_outside_the_map_lists_the_known_values()
    {
        var body = """{"value": [{"Id": 1, "Status": "ARCHIVED", "Total": 1, "Customer": {}, "Lines": [], "Tags": []}]}""";

        var error = Should.Throw<MappingException>(() => MapJson(OrderMapping, body));

        error.Field.ShouldBe("status");
        error.Message.ShouldBe("field 'status': value \"ARCHIVED\" is not one of open, closed (the values listed under map) in item 0");
    }

    [Fact]
    public void Map_other_star_keeps_the_source_value_and_other_values_replace_it()
    {
        var map = new Dictionary<string, string> { ["1"] = "New" };

        MapOne(new FieldMapping { Path = "$.s", Map = map, MapOther = "*" }, """{"s": "Weird"}""")!.GetValue<string>().ShouldBe("Weird");
        MapOne(new FieldMapping { Path = "$.s", Map = map, MapOther = "Other" }, """{"s": "Weird"}""")!.GetValue<string>().ShouldBe("Other");
        MapOne(new FieldMapping { Path = "$.s", Map = map }, """{"s": 1}""")!.GetValue<string>().ShouldBe("New");
    }

    [Fact]
    public void A_mapped_value_is_converted_to_the_fields_type()
    {
        var map = new Dictionary<string, string> { ["Y"] = "true", ["N"] = "false" };

        MapOne(new FieldMapping { Path = "$.active", Map = map, Type = ValueKind.Boolean }, """{"active": "y"}""")!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void A_list_of_values_is_converted_element_by_element()
    {
        var field = new FieldMapping { Items = "$.phones[*].number", Type = ValueKind.Phone };

        Json(MapOne(field, """{"phones": [{"number": "030 123456"}, {"number": "+44 20 7946 0958"}, {"number": "anonymous"}]}""")!)
            .ShouldBe("""["+4930123456","+442079460958"]""");
    }

    [Fact]
    public void A_constant_is_a_default_without_a_path()
    {
        MapOne(new FieldMapping { Default = "crm", Type = ValueKind.String }, "{}")!.GetValue<string>().ShouldBe("crm");
    }
}
