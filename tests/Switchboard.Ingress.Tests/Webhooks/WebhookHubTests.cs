using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Ingress.Tests.Webhooks.Support;
using Switchboard.Security;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Webhooks;

/// <summary>
/// The whole way through a real hub: the shipped Twilio configuration written with TestHub's configure,
/// signed status callbacks over HTTPS, the event journal, and the interaction read back from the API.
/// </summary>
public sealed class WebhookHubTests
{
    private const string PublicUrl = "https://hub.example.com/webhooks/twilio";

    [Fact]
    public async Task A_signed_twilio_call_becomes_an_interaction()
    {
        var variable = $"WEBHOOK_HUB_TWILIO_{Guid.NewGuid():N}";
        var token = $"token-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, token);
        try
        {
            await using var hub = await TestHub.StartAsync(configure: directory => directory.Write("webhooks/twilio.yaml",
                WebhookSamples.ShippedConfiguration("twilio.yaml").Replace("TWILIO_AUTH_TOKEN", variable, StringComparison.Ordinal)));
            var twilio = hub.Client();
            var callSid = $"CA{Guid.NewGuid():N}";
            var now = DateTimeOffset.UtcNow;

            var ringing = await twilio.SendAsync(WebhookSigning.TwilioPost(PublicUrl, Callback(callSid, "ringing", 1, now.AddSeconds(-40)), token));
            var completed = await twilio.SendAsync(WebhookSigning.TwilioPost(PublicUrl,
                Callback(callSid, "completed", 3, now, "&CallDuration=38&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Frecordings%2FRE1"), token));
            var forged = await twilio.SendAsync(WebhookSigning.TwilioPost(PublicUrl, Callback(callSid, "busy", 4, now), "not-the-token"));

            ringing.StatusCode.ShouldBe(HttpStatusCode.OK, await ringing.Content.ReadAsStringAsync());
            completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var interaction = await hub.Client(await hub.IssueKeyAsync(Roles.System)).WaitForInteractionAsync(callSid, i => i.GetProperty("timeline").GetArrayLength() == 2);
            interaction.GetProperty("callerNumber").GetString().ShouldBe("+14155550123");
            interaction.GetProperty("calledNumber").GetString().ShouldBe("+18005551212");
            interaction.GetProperty("direction").GetString().ShouldBe("inbound");
            interaction.GetProperty("state").GetString().ShouldBe("ended");
            interaction.GetProperty("recordingUrl").GetString().ShouldBe("https://api.twilio.com/recordings/RE1");
            interaction.GetProperty("timeline").EnumerateArray().Select(entry => entry.GetProperty("eventId").GetString())
                .ShouldBe([$"twilio:{callSid}:ringing:1", $"twilio:{callSid}:completed:3"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string Callback(string callSid, string status, int sequence, DateTimeOffset at, string extra = "") =>
        $"AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&CallSid={callSid}&CallStatus={status}&CallbackSource=call-progress-events"
        + $"&Direction=inbound&From=%2B14155550123&To=%2B18005551212&SequenceNumber={sequence}"
        + $"&Timestamp={Uri.EscapeDataString(at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture))}{extra}";
}
