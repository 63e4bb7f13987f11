using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Core.Events;
using Switchboard.Ingress.Tests.Webhooks.Support;

namespace Switchboard.Ingress.Tests.Webhooks;

/// <summary>POST /webhooks/{name} over HTTP with the shipped Twilio and Amazon Connect configurations.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string PublicUrl = "https://hub.example.com/webhooks/twilio";
    private const string Accepted = "switchboard.ingress.events.accepted";
    private const string Duplicate = "switchboard.ingress.events.duplicate";
    private const string Rejected = "switchboard.ingress.requests.rejected";
    private const string Ignored = "switchboard.ingress.webhook.ignored";

    private static readonly DateTimeOffset TwilioNow = new(2026, 11, 24, 10, 15, 30, TimeSpan.Zero);

    private readonly string _twilioVariable = $"WEBHOOK_TEST_TWILIO_{Guid.NewGuid():N}";
    private readonly string _connectVariable = $"WEBHOOK_TEST_CONNECT_{Guid.NewGuid():N}";
    private readonly string _twilioToken = $"token-{Guid.NewGuid():N}";
    private readonly string _connectSecret = $"secret-{Guid.NewGuid():N}";
    private readonly ManualClock _clock = new(TwilioNow);
    private WebhookTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_twilioVariable, _twilioToken);
        Environment.SetEnvironmentVariable(_connectVariable, _connectSecret);
        _host = await WebhookTestHost.StartAsync(_clock, 64 * 1024,
            ("webhooks/twilio.yaml", WebhookSamples.ShippedConfiguration("twilio.yaml").Replace("TWILIO_AUTH_TOKEN", _twilioVariable, StringComparison.Ordinal)),
            ("webhooks/amazon-connect.yaml", WebhookSamples.ShippedConfiguration("amazon-connect.yaml").Replace("CONNECT_WEBHOOK_SECRET", _connectVariable, StringComparison.Ordinal)),
            ("webhooks/staging.yaml", WebhookSamples.ShippedConfiguration("twilio.yaml")
                .Replace("name: twilio", "name: staging", StringComparison.Ordinal)
                .Replace("mode: on", "mode: shadow", StringComparison.Ordinal)
                .Replace("TWILIO_AUTH_TOKEN", _twilioVariable, StringComparison.Ordinal)
                .Replace("/webhooks/twilio", "/webhooks/staging", StringComparison.Ordinal)),
            ("webhooks/retired.yaml", WebhookSamples.ShippedConfiguration("twilio.yaml")
                .Replace("name: twilio", "name: retired", StringComparison.Ordinal)
                .Replace("mode: on", "mode: off", StringComparison.Ordinal)),
            ("webhooks/unset.yaml", WebhookSamples.ShippedConfiguration("twilio.yaml")
                .Replace("name: twilio", "name: unset", StringComparison.Ordinal)
                .Replace("TWILIO_AUTH_TOKEN", $"WEBHOOK_TEST_UNSET_{Guid.NewGuid():N}", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Environment.SetEnvironmentVariable(_twilioVariable, null);
        Environment.SetEnvironmentVariable(_connectVariable, null);
    }

    [Fact]
    public async Task A_signed_twilio_sequence_is_ingested_and_the_statuses_no_rule_names_are_acknowledged()
    {
        var ringing = await PostTwilio("twilio-ringing.form");
        var inProgress = await PostTwilio("twilio-in-progress.form");
        _clock.Now = new DateTimeOffset(2026, 11, 24, 10, 18, 20, TimeSpan.Zero);
        var completed = await PostTwilio("twilio-completed.form");

        ringing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(ringing)).GetProperty("outcome").GetString().ShouldBe("accepted");
        inProgress.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(inProgress)).GetProperty("ignored").GetBoolean().ShouldBeTrue();
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        _host.Ingest.Accepted.Select(e => e.Type).ShouldBe([EventTypes.CallOffered, EventTypes.CallEnded]);
        _host.Ingest.Accepted.ShouldAllBe(e => e.CallId == "CA1234567890ABCDE1234567890ABCDE" && e.Source == "webhook:twilio");
        _host.Measured(Accepted, "webhook:twilio").ShouldBe(2);
        _host.Measured(Ignored, "webhook:twilio").ShouldBe(1);
    }

    [Fact]
    public async Task A_resent_twilio_callback_is_acknowledged_as_a_duplicate_and_ingested_once()
    {
        (await PostTwilio("twilio-ringing.form")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await PostTwilio("twilio-ringing.form");

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(again)).GetProperty("outcome").GetString().ShouldBe("duplicate");
        _host.Ingest.Accepted.Count.ShouldBe(1);
        _host.Measured(Duplicate, "webhook:twilio").ShouldBe(1);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_nothing_is_ingested()
    {
        var request = WebhookSigning.TwilioPost(PublicUrl, WebhookSamples.Payload("twilio-ringing.form"), "a-guessed-token");

        var response = await _host.Client.SendAsync(request);

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "Signature does not match");
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Measured(Rejected, "webhook:twilio", "bad_signature").ShouldBe(1);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var request = WebhookSigning.TwilioPost(PublicUrl, WebhookSamples.Payload("twilio-ringing.form"), _twilioToken);
        request.Content = new StringContent(WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-ringing.form"), "From", "+14155550199"),
            Encoding.UTF8, "application/x-www-form-urlencoded");

        await ShouldBeProblem(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized, "Signature does not match");
        _host.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_as_missing_its_signature()
    {
        var response = await _host.Client.PostAsync("/webhooks/twilio",
            new StringContent(WebhookSamples.Payload("twilio-ringing.form"), Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "Signature missing");
        problem.GetProperty("detail").GetString()!.ShouldContain("X-Twilio-Signature");
        _host.Measured(Rejected, "webhook:twilio", "bad_signature").ShouldBe(1);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public async Task A_validly_signed_request_outside_the_replay_window_is_refused_as_stale(int secondsAfterSigning)
    {
        _clock.Now = new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero).AddSeconds(secondsAfterSigning);

        var response = await PostTwilio("twilio-ringing.form");

        var problem = await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "Stale signature");
        problem.GetProperty("detail").GetString()!.ShouldContain("field Timestamp");
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Measured(Rejected, "webhook:twilio", "stale_signature").ShouldBe(1);
    }

    [Fact]
    public async Task A_relayed_amazon_connect_event_signed_with_hmac_sha256_is_ingested()
    {
        _clock.Now = new DateTimeOffset(2021, 8, 4, 17, 44, 0, TimeSpan.Zero);
        var body = WebhookSamples.Payload("connect-connected-to-agent.json");

        var response = await _host.Client.SendAsync(WebhookSigning.HmacPost("/webhooks/amazon-connect", body, _connectSecret, _clock.Now));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var e = _host.Ingest.Accepted.ShouldHaveSingleItem();
        e.Type.ShouldBe(EventTypes.CallAnswered);
        e.AgentId.ShouldBe("12345678-1234-1234-1234-123456789012");
        _host.Measured(Accepted, "webhook:amazon-connect").ShouldBe(1);
    }

    [Fact]
    public async Task A_relayed_event_replayed_after_the_window_is_refused_as_stale()
    {
        _clock.Now = new DateTimeOffset(2021, 8, 4, 17, 44, 0, TimeSpan.Zero);
        var request = WebhookSigning.HmacPost("/webhooks/amazon-connect", WebhookSamples.Payload("connect-disconnected.json"), _connectSecret, _clock.Now.AddMinutes(-6));

        await ShouldBeProblem(await _host.Client.SendAsync(request), HttpStatusCode.Unauthorized, "Stale signature");
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Measured(Rejected, "webhook:amazon-connect", "stale_signature").ShouldBe(1);
    }

    [Fact]
    public async Task A_matching_payload_without_a_required_field_is_422_naming_webhook_field_and_vendor_path()
    {
        _clock.Now = new DateTimeOffset(2021, 8, 4, 17, 44, 0, TimeSpan.Zero);
        var body = WebhookSamples.Payload("connect-connected-to-agent.json").Replace("\"contactId\"", "\"contactIdentifier\"", StringComparison.Ordinal);

        var response = await _host.Client.SendAsync(WebhookSigning.HmacPost("/webhooks/amazon-connect", body, _connectSecret, _clock.Now));

        var problem = await ShouldBeProblem(response, HttpStatusCode.UnprocessableEntity, "Unprocessable webhook payload");
        problem.GetProperty("webhook").GetString().ShouldBe("amazon-connect");
        problem.GetProperty("field").GetString().ShouldBe("callId");
        problem.GetProperty("path").GetString().ShouldBe("detail.contactId");
        problem.GetProperty("detail").GetString()!.ShouldContain("events[2] (call.answered)");
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Measured(Rejected, "webhook:amazon-connect", "invalid").ShouldBe(1);
    }

    [Fact]
    public async Task A_mapped_event_the_validator_refuses_is_422_with_its_errors()
    {
        var body = WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-ringing.form"), "From", "call me maybe");

        var response = await _host.Client.SendAsync(WebhookSigning.TwilioPost(PublicUrl, body, _twilioToken));

        var problem = await ShouldBeProblem(response, HttpStatusCode.UnprocessableEntity, "Invalid event");
        problem.GetProperty("errors").GetProperty("from").GetArrayLength().ShouldBe(1);
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Measured(Rejected, "webhook:twilio", "invalid").ShouldBe(1);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("retired")]
    public async Task An_unknown_or_switched_off_webhook_is_404(string name)
    {
        var response = await _host.Client.PostAsync($"/webhooks/{name}", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await ShouldBeProblem(response, HttpStatusCode.NotFound, "Unknown webhook");
        problem.GetProperty("detail").GetString()!.ShouldContain($"'{name}'");
        _host.Measured(Rejected, "webhook", "unknown_webhook").ShouldBe(1);
    }

    [Fact]
    public async Task A_body_in_another_media_type_or_malformed_is_refused_as_malformed()
    {
        var wrongType = await _host.Client.PostAsync("/webhooks/twilio", new StringContent("{}", Encoding.UTF8, "application/json"));
        var badJson = await _host.Client.PostAsync("/webhooks/amazon-connect", new StringContent("{\"id\": ", Encoding.UTF8, "application/json"));

        await ShouldBeProblem(wrongType, HttpStatusCode.UnsupportedMediaType, "Unsupported media type");
        await ShouldBeProblem(badJson, HttpStatusCode.BadRequest, "Malformed body");
        _host.Measured(Rejected, "webhook:twilio", "malformed").ShouldBe(1);
        _host.Measured(Rejected, "webhook:amazon-connect", "malformed").ShouldBe(1);
    }

    [Fact]
    public async Task A_body_over_the_server_limit_is_413()
    {
        var body = WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-ringing.form"), "Padding", new string('x', 70 * 1024));

        var response = await _host.Client.SendAsync(WebhookSigning.TwilioPost(PublicUrl, body, _twilioToken));

        await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large");
        _host.Measured(Rejected, "webhook:twilio", "oversize").ShouldBe(1);
    }

    [Fact]
    public async Task A_shadow_webhook_verifies_and_validates_but_ingests_nothing()
    {
        var response = await _host.Client.SendAsync(
            WebhookSigning.TwilioPost("https://hub.example.com/webhooks/staging", WebhookSamples.Payload("twilio-ringing.form"), _twilioToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = await Json(response);
        reply.GetProperty("shadow").GetBoolean().ShouldBeTrue();
        reply.GetProperty("type").GetString().ShouldBe(EventTypes.CallOffered);
        _host.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_webhook_whose_secret_is_not_set_answers_503_and_logs_the_variable_not_a_value()
    {
        var response = await _host.Client.SendAsync(
            WebhookSigning.TwilioPost("https://hub.example.com/webhooks/unset", WebhookSamples.Payload("twilio-ringing.form"), _twilioToken));

        await ShouldBeProblem(response, HttpStatusCode.ServiceUnavailable, "Webhook unavailable");
        _host.Ingest.Accepted.ShouldBeEmpty();
        _host.Logs.Entries.ShouldContain(entry => entry.Message.Contains("WEBHOOK_TEST_UNSET_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhooks_need_no_api_key_while_other_routes_still_do_and_no_secret_reaches_the_log()
    {
        (await PostTwilio("twilio-ringing.form")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _host.Client.SendAsync(WebhookSigning.TwilioPost(PublicUrl, WebhookSamples.Payload("twilio-completed.form"), "a-guessed-token"));

        (await _host.Client.GetAsync("/protected")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _host.Logs.Entries.ShouldNotBeEmpty();
        _host.Logs.Entries.ShouldAllBe(entry => !entry.Message.Contains(_twilioToken, StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> PostTwilio(string sample) =>
        _host.Client.SendAsync(WebhookSigning.TwilioPost(PublicUrl, WebhookSamples.Payload(sample), _twilioToken));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    private static async Task<JsonElement> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("title").GetString().ShouldBe(title);
        return problem;
    }
}
