using System.Text.Json;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Tests.Webhooks.Support;
using Switchboard.Ingress.Webhooks;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Webhooks;

/// <summary>The shipped configurations (samples/webhooks) applied to the vendors' published payloads.</summary>
public sealed class WebhookMapperTests
{
    private const string TwilioCallSid = "CA1234567890ABCDE1234567890ABCDE";
    private const string ConnectContactId = "11111111-1111-1111-1111-111111111111";

    private static readonly WebhookDefinition Twilio = LoadShipped("twilio.yaml");
    private static readonly WebhookDefinition Connect = LoadShipped("amazon-connect.yaml");

    private readonly WebhookMapper _mapper = new();

    [Fact]
    public void A_ringing_twilio_callback_becomes_call_offered()
    {
        var e = MappedForm(WebhookSamples.Payload("twilio-ringing.form"));

        e.Type.ShouldBe(EventTypes.CallOffered);
        e.EventId.ShouldBe($"twilio:{TwilioCallSid}:ringing:1");
        e.CallId.ShouldBe(TwilioCallSid);
        e.From.ShouldBe("+14155550123");
        e.To.ShouldBe("+18005551212");
        e.Direction.ShouldBe("inbound");
        e.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero));
        e.Reason.ShouldBeNull();
        e.Source.ShouldBe("webhook:twilio");
        e.Attributes["accountSid"].ShouldBe("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    }

    [Fact]
    public void A_completed_twilio_callback_becomes_call_ended_with_reason_duration_and_recording()
    {
        var e = MappedForm(WebhookSamples.Payload("twilio-completed.form"));

        e.Type.ShouldBe(EventTypes.CallEnded);
        e.EventId.ShouldBe($"twilio:{TwilioCallSid}:completed:3");
        e.CallId.ShouldBe(TwilioCallSid);
        e.Reason.ShouldBe("completed");
        e.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 24, 10, 18, 11, TimeSpan.Zero));
        e.RecordingUrl.ShouldBe("https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Recordings/REXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        e.Attributes["callDuration"].ShouldBe("184");
    }

    [Fact]
    public void An_unanswered_outbound_api_call_ends_with_direction_outbound_and_reason_no_answer()
    {
        var e = MappedForm(WebhookSamples.Payload("twilio-no-answer-outbound.form"));

        e.Type.ShouldBe(EventTypes.CallEnded);
        e.Direction.ShouldBe("outbound");
        e.Reason.ShouldBe("no-answer");
        e.From.ShouldBe("+18005551212");
    }

    [Fact]
    public void A_canceled_twilio_call_ends_as_abandoned()
    {
        var body = WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-no-answer-outbound.form"), "CallStatus", "canceled");

        MappedForm(body).Reason.ShouldBe("abandoned");
    }

    [Theory]
    [InlineData("in-progress")]
    [InlineData("initiated")]
    [InlineData("queued")]
    public void Twilio_statuses_no_rule_names_are_ignored(string status)
    {
        var body = WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-ringing.form"), "CallStatus", status);

        var result = _mapper.Map(Twilio, WebhookPayload.FromForm(body));

        result.Outcome.ShouldBe(WebhookMapOutcome.Ignored);
        result.Event.ShouldBeNull();
    }

    [Fact]
    public void A_twilio_callback_without_CallSid_names_the_field_and_the_vendor_parameter()
    {
        var body = string.Join('&', WebhookSamples.Payload("twilio-ringing.form").Split('&').Where(p => !p.StartsWith("CallSid=", StringComparison.Ordinal)));

        var result = _mapper.Map(Twilio, WebhookPayload.FromForm(body));

        result.Outcome.ShouldBe(WebhookMapOutcome.MissingField);
        result.Rule!.Type.ShouldBe(EventTypes.CallOffered);
        result.Field.ShouldBe("eventId");
        result.VendorPath.ShouldBe("twilio:{CallSid}:{CallStatus}:{SequenceNumber}");
    }

    [Fact]
    public void A_timestamp_in_another_format_is_reported_with_its_value()
    {
        var body = WebhookSigning.WithParameter(WebhookSamples.Payload("twilio-ringing.form"), "Timestamp", "2026-11-24T10:15:00Z");

        var result = _mapper.Map(Twilio, WebhookPayload.FromForm(body));

        result.Outcome.ShouldBe(WebhookMapOutcome.InvalidValue);
        result.Field.ShouldBe("occurredAt");
        result.VendorPath.ShouldBe("Timestamp");
        result.Value.ShouldBe("2026-11-24T10:15:00Z");
    }

    [Fact]
    public void A_connect_initiated_event_becomes_call_offered_with_the_callers_number()
    {
        var e = MappedJson("connect-initiated.json");

        e.Type.ShouldBe(EventTypes.CallOffered);
        e.EventId.ShouldBe("connect:3b8f1e2d-7c4a-4d9e-b6f0-1a2c3e4d5f60");
        e.CallId.ShouldBe(ConnectContactId);
        e.From.ShouldBe("+14155550123");
        e.To.ShouldBe("+11234567890");
        e.Direction.ShouldBe("inbound");
        e.OccurredAt.ShouldBe(new DateTimeOffset(2021, 8, 4, 17, 17, 53, TimeSpan.Zero));
        e.Source.ShouldBe("webhook:amazon-connect");
    }

    [Fact]
    public void The_published_connected_to_agent_sample_becomes_call_answered_with_agent_and_queue_ids()
    {
        var e = MappedJson("connect-connected-to-agent.json");

        e.Type.ShouldBe(EventTypes.CallAnswered);
        e.EventId.ShouldBe("connect:abcabcab-abca-abca-abca-abcabcabcabc");
        e.CallId.ShouldBe(ConnectContactId);
        e.AgentId.ShouldBe("12345678-1234-1234-1234-123456789012");
        e.Queue.ShouldBe("12345678-1234-1234-1234-123456789012");
        e.Direction.ShouldBe("inbound");
        e.From.ShouldBeNull();
        e.To.ShouldBe("+11234567890");
        e.OccurredAt.ShouldBe(new DateTimeOffset(2021, 8, 4, 17, 43, 48, TimeSpan.Zero));
    }

    [Fact]
    public void The_published_disconnected_sample_becomes_call_ended_outbound_and_completed()
    {
        var e = MappedJson("connect-disconnected.json");

        e.Type.ShouldBe(EventTypes.CallEnded);
        e.CallId.ShouldBe(ConnectContactId);
        e.Direction.ShouldBe("outbound");
        e.Reason.ShouldBe("completed");
        e.Attributes["initialContactId"].ShouldBe("11111111-2222-3333-4444-555555555555");
    }

    [Fact]
    public void A_connect_chat_event_is_ignored()
    {
        using var document = JsonDocument.Parse(WebhookSamples.Payload("connect-contact-data-updated.json"));

        _mapper.Map(Connect, WebhookPayload.FromJson(document.RootElement)).Outcome.ShouldBe(WebhookMapOutcome.Ignored);
    }

    [Fact]
    public void A_connect_answer_without_agent_info_names_the_field_and_the_json_path()
    {
        using var document = JsonDocument.Parse(WebhookSamples.Payload("connect-connected-to-agent.json").Replace("\"agentInfo\"", "\"agentInformation\"", StringComparison.Ordinal));

        var result = _mapper.Map(Connect, WebhookPayload.FromJson(document.RootElement));

        result.Outcome.ShouldBe(WebhookMapOutcome.MissingField);
        result.Field.ShouldBe("agentId");
        result.VendorPath.ShouldBe("{detail.agentInfo.agentArn|afterLast:/}");
    }

    [Theory]
    [InlineData("twilio-ringing.form", "2026-11-24T10:16:00Z")]
    [InlineData("twilio-completed.form", "2026-11-24T10:19:00Z")]
    [InlineData("twilio-no-answer-outbound.form", "2026-11-24T10:21:00Z")]
    [InlineData("connect-initiated.json", "2021-08-04T17:44:00Z")]
    [InlineData("connect-connected-to-agent.json", "2021-08-04T17:44:00Z")]
    [InlineData("connect-disconnected.json", "2021-08-04T17:44:00Z")]
    public void Every_sample_maps_to_an_event_the_validator_accepts(string sample, string now)
    {
        var e = sample.EndsWith(".json", StringComparison.Ordinal) ? MappedJson(sample) : MappedForm(WebhookSamples.Payload(sample));
        var validator = new ContactCenterEventValidator(new PhoneNormalizer("US"), new ManualClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        validator.Validate(e).ShouldBeEmpty();
    }

    private ContactCenterEvent MappedForm(string body)
    {
        var result = _mapper.Map(Twilio, WebhookPayload.FromForm(body));
        result.Outcome.ShouldBe(WebhookMapOutcome.Mapped, result.Reason);
        return result.Event!;
    }

    private ContactCenterEvent MappedJson(string sample)
    {
        using var document = JsonDocument.Parse(WebhookSamples.Payload(sample));
        var result = _mapper.Map(Connect, WebhookPayload.FromJson(document.RootElement));
        result.Outcome.ShouldBe(WebhookMapOutcome.Mapped, result.Reason);
        return result.Event!;
    }

    private static WebhookDefinition LoadShipped(string file)
    {
        using var directory = new TempDirectory("switchboard-webhook-samples");
        directory.Write("switchboard.yaml", string.Empty);
        directory.Write($"webhooks/{file}", WebhookSamples.ShippedConfiguration(file));
        var loaded = ConfigurationLoader.Load(directory.Path);
        loaded.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Errors));
        return loaded.Configuration!.Webhooks.ShouldHaveSingleItem();
    }
}
