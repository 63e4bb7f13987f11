using Switchboard.Configuration;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Webhooks;

/// <summary>webhooks/*.yaml as the configuration loader binds it: every error names file, line, column, field, value and reason.</summary>
public sealed class WebhookConfigurationTests : IDisposable
{
    private const string File = "webhooks/relay.yaml";

    // Line numbers below refer to this file.
    private const string Relay = """
        name: relay
        format: json
        mode: on
        signature:
          scheme: hmac-sha256
          secret: ${env:RELAY_SECRET}
          timestampHeader: X-Timestamp
        events:
          - when: { detail.eventType: INITIATED }
            type: call.offered
          - when: { detail.eventType: DISCONNECTED }
            type: call.ended
        fields:
          eventId: "relay:{id}"
          callId: detail.contactId
          occurredAt: time
        timestampFormat: iso8601
        """;

    private readonly TempDirectory _directory = new("switchboard-webhook-config");

    public WebhookConfigurationTests() => _directory.Write("switchboard.yaml", string.Empty);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_webhook_file_is_bound_with_its_signature_rules_fields_and_defaults()
    {
        var webhook = Valid(Relay).Webhooks.ShouldHaveSingleItem();

        webhook.Name.ShouldBe("relay");
        webhook.File.ShouldBe(File);
        webhook.Route.ShouldBe("/webhooks/relay");
        webhook.Format.ShouldBe(WebhookFormat.Json);
        webhook.Mode.ShouldBe(RolloutMode.On);
        webhook.Signature.Scheme.ShouldBe(SignatureScheme.HmacSha256);
        webhook.Signature.Secret.ToString().ShouldBe("${env:RELAY_SECRET}");
        webhook.Signature.Header.ShouldBe("X-Signature");
        webhook.Signature.TimestampFormat.ShouldBe(WebhookTimestampFormat.EpochSeconds);
        webhook.Signature.ToleranceSeconds.ShouldBe(300);
        webhook.Signature.Template.ShouldBe("{timestamp}.{body}");
        webhook.Rules.Select(rule => rule.Type).ShouldBe(["call.offered", "call.ended"]);
        webhook.Rules[1].When.ShouldHaveSingleItem().Path.ShouldBe("detail.eventType");
        webhook.Rules[1].When[0].Values.ShouldBe(["DISCONNECTED"]);
        webhook.Fields["eventId"].ToString().ShouldBe("relay:{id}");
        webhook.TimestampFormat.ShouldBe(WebhookTimestampFormat.Iso8601);
    }

    [Fact]
    public void A_webhook_without_mode_is_off()
    {
        Valid(Relay.Replace("mode: on\n", string.Empty, StringComparison.Ordinal)).Webhooks[0].Mode.ShouldBe(RolloutMode.Off);
    }

    [Fact]
    public void An_unknown_signature_scheme_is_an_error()
    {
        SingleError(Relay.Replace("scheme: hmac-sha256", "scheme: hmac-sha1", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 5, 11, "signature.scheme", "hmac-sha1", "is not one of twilio, hmac-sha256"));
    }

    [Fact]
    public void A_secret_written_in_the_file_is_an_error_that_does_not_repeat_it()
    {
        SingleError(Relay.Replace("${env:RELAY_SECRET}", "hunter2", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 6, 11, "signature.secret", null, "secrets must be references like ${env:NAME} so they never sit in files"));
    }

    [Fact]
    public void A_missing_secret_reference_is_an_error()
    {
        SingleError(Relay.Replace("  secret: ${env:RELAY_SECRET}\n", string.Empty, StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 5, 3, "signature.secret", null, "is required"));
    }

    [Fact]
    public void A_secret_reference_to_an_unknown_source_is_an_error()
    {
        SingleError(Relay.Replace("${env:RELAY_SECRET}", "${vault:relay}", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 6, 11, "signature.secret", "${vault:relay}", "uses the unknown source 'vault'; write ${env:NAME} or ${file:PATH}"));
    }

    [Fact]
    public void An_unknown_timestamp_format_is_an_error()
    {
        SingleError(Relay.Replace("timestampFormat: iso8601", "timestampFormat: unix", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 17, 18, "timestampFormat", "unix", "is not one of iso8601, rfc1123, epochSeconds, epochMillis"));
    }

    [Fact]
    public void A_rule_with_an_unknown_event_type_is_an_error()
    {
        var error = SingleError(Relay.Replace("type: call.ended", "type: call.hungup", StringComparison.Ordinal));

        (error.File, error.Line, error.Column, error.Field, error.Value).ShouldBe((File, 12, 11, "events[1].type", "call.hungup"));
        error.Reason.ShouldStartWith("is not an event type (known types: call.offered, ");
    }

    [Fact]
    public void A_misspelt_event_type_suggests_the_closest()
    {
        SingleError(Relay.Replace("type: call.ended", "type: call.endd", StringComparison.Ordinal))
            .Reason.ShouldStartWith("is not an event type; did you mean 'call.ended'?");
    }

    [Fact]
    public void A_rule_whose_type_needs_a_field_nothing_maps_is_an_error()
    {
        SingleError(Relay.Replace("type: call.ended", "type: call.answered", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 11, 5, "events[1]", "call.answered",
                "maps no agentId, which call.answered needs; add it under fields or under this rule's fields"));
    }

    [Fact]
    public void A_rule_may_map_the_field_its_type_needs_itself()
    {
        var webhook = Valid(Relay.Replace("    type: call.ended", "    type: call.answered\n    fields: { agentId: detail.agentInfo.agentArn }", StringComparison.Ordinal)).Webhooks[0];

        webhook.Rules[1].Fields["agentId"].ToString().ShouldBe("detail.agentInfo.agentArn");
    }

    [Fact]
    public void The_twilio_scheme_with_a_json_body_is_an_error()
    {
        SingleError(Relay.Replace("scheme: hmac-sha256", "scheme: twilio", StringComparison.Ordinal)).ShouldSatisfyAllConditions(
            error => (error.Line, error.Column, error.Field, error.Value).ShouldBe((5, 11, "signature.scheme", "twilio")),
            error => error.Reason.ShouldStartWith("signs form posts: use format: form"));
    }

    [Fact]
    public void An_unknown_field_is_an_error_with_a_suggestion()
    {
        SingleError(Relay.Replace("  occurredAt: time\n", "  occurredAt: time\n  recordingURL: detail.recording\n", StringComparison.Ordinal))
            .ShouldSatisfyAllConditions(
                error => (error.File, error.Line, error.Column, error.Field, error.Value).ShouldBe((File, 17, 3, "fields.recordingURL", (string?)null)),
                error => error.Reason.ShouldStartWith("unknown field 'recordingURL'; did you mean 'recordingUrl'? (fields: eventId, occurredAt, "));
    }

    [Fact]
    public void An_unclosed_placeholder_is_reported_once_where_it_is_written()
    {
        SingleError(Relay.Replace("\"relay:{id}\"", "\"relay:{id\"", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 14, 12, "fields.eventId", "relay:{id", "has a '{' without a closing '}'"));
    }

    [Fact]
    public void A_malformed_json_path_is_an_error()
    {
        SingleError(Relay.Replace("callId: detail.contactId", "callId: detail..contactId", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 15, 11, "fields.callId", "detail..contactId",
                "is not a JSON path: it has an empty property name (two dots, or a leading dot)"));
    }

    [Fact]
    public void A_signature_template_without_the_body_is_an_error()
    {
        SingleError(Relay.Replace("  timestampHeader: X-Timestamp\n", "  timestampHeader: X-Timestamp\n  template: \"{timestamp}\"\n", StringComparison.Ordinal))
            .ShouldBe(new ConfigurationError(File, 8, 13, "signature.template", "{timestamp}", "does not sign {body}, so a changed body would still verify"));
    }

    [Fact]
    public void A_direction_value_map_to_an_unknown_direction_is_an_error()
    {
        SingleError(Relay + "\nvalueMaps:\n  direction: { INBOUND: incoming }")
            .ShouldBe(new ConfigurationError(File, 19, 25, "valueMaps.direction.INBOUND", "incoming", "is not one of inbound, outbound, internal"));
    }

    [Fact]
    public void Pilot_mode_is_an_error_for_webhooks()
    {
        SingleError(Relay.Replace("mode: on", "mode: pilot", StringComparison.Ordinal)).ShouldSatisfyAllConditions(
            error => (error.Line, error.Column, error.Field, error.Value).ShouldBe((3, 7, "mode", "pilot")),
            error => error.Reason.ShouldStartWith("is not used by webhooks"));
    }

    [Fact]
    public void A_file_without_events_is_an_error()
    {
        var text = Relay[..Relay.IndexOf("events:", StringComparison.Ordinal)];

        var errors = Errors(text);

        errors.ShouldContain(new ConfigurationError(File, 1, 1, "events",
            null, "is required: list the rules (- when: ..., type: ...) that turn payloads into events"));
    }

    [Fact]
    public void Two_webhooks_with_one_name_are_an_error_in_the_second_file()
    {
        _directory.Write("webhooks/a-relay.yaml", Relay);

        SingleError(Relay).ShouldBe(new ConfigurationError(File, 1, 7, "name", "relay",
            "is already the name of the webhook in webhooks/a-relay.yaml; webhook names must be unique"));
    }

    private HubConfiguration Valid(string yaml)
    {
        var result = Load(yaml);
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        return result.Configuration!;
    }

    private ConfigurationError SingleError(string yaml) => Errors(yaml).ShouldHaveSingleItem();

    private IReadOnlyList<ConfigurationError> Errors(string yaml)
    {
        var result = Load(yaml);
        result.Configuration.ShouldBeNull();
        return result.Errors;
    }

    private ConfigurationLoadResult Load(string yaml)
    {
        _directory.Write(File, yaml.ReplaceLineEndings("\n") + "\n");
        return ConfigurationLoader.Load(_directory.Path);
    }
}
