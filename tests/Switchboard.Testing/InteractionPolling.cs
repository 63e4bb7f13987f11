using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Testing;

/// <summary>Interactions are assembled after the acknowledgement: tests poll the API until the call looks as expected.</summary>
public static class InteractionPolling
{
    /// <summary>Polls <c>GET /api/v1/interactions?callId=</c> until exactly one interaction satisfies <paramref name="ready"/>.</summary>
    public static async Task<JsonElement> WaitForInteractionAsync(
        this HttpClient client, string callId, Func<JsonElement, bool>? ready = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/interactions?callId={Uri.EscapeDataString(callId)}")).GetProperty("items");
            if (items.GetArrayLength() == 1)
            {
                last = items[0];
                if (ready?.Invoke(items[0]) ?? true)
                {
                    return items[0];
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"interaction {callId} did not reach the expected state; last seen: {last?.ToString() ?? "none"}");
    }
}
