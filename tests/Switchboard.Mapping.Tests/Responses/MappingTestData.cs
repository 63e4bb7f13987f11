using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Responses;

namespace Switchboard.Mapping.Tests.Responses;

internal static class MappingTestData
{
    public static readonly ResponseMapper Mapper = new(new PhoneNormalizer("DE"));

    public static IReadOnlyList<JsonObject> MapJson(ResponseMapping mapping, string json) =>
        Mapper.Map(mapping, ResponseDocument.Parse(json, ResponseFormat.Json, "application/json"));

    public static IReadOnlyList<JsonObject> MapXml(ResponseMapping mapping, string xml) =>
        Mapper.Map(mapping, ResponseDocument.Parse(xml, ResponseFormat.Auto, "text/xml"));

    /// <summary>One field, read from the root of a one-record JSON body.</summary>
    public static JsonNode? MapOne(FieldMapping field, string json)
    {
        var record = MapJson(new ResponseMapping { Fields = Fields(("value", field)) }, json).ShouldHaveSingleItem();
        return record.TryGetPropertyValue("value", out var value) ? value : throw new KeyNotFoundException("the field was left out");
    }

    public static MappingException MapOneFails(FieldMapping field, string json) =>
        Should.Throw<MappingException>(() => MapOne(field, json));

    public static Dictionary<string, FieldMapping> Fields(params (string Name, FieldMapping Field)[] fields) =>
        fields.ToDictionary(pair => pair.Name, pair => pair.Field);

    public static string Json(JsonNode node) => node.ToJsonString(Readable);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
