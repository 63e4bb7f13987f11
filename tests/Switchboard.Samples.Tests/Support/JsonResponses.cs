using System.Net;
using System.Text.Json;

namespace Switchboard.Samples.Tests.Support;

/// <summary>Reads responses as raw JSON, checking the status first so a failure shows the body.</summary>
public static class JsonResponses
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string Text(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");

    public static IReadOnlyList<string> Texts(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.Text(property)).ToList();
}
