using System.Text;
using Switchboard.Configuration;
using Switchboard.Ingress.Webhooks;

namespace Switchboard.Ingress.Tests.Webhooks;

public sealed class WebhookSignatureVerifierTests
{
    // The worked example in Twilio's webhook security guide (see Samples/README.md).
    private const string TwilioAuthToken = "12345";
    private const string TwilioUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string TwilioExpected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static readonly KeyValuePair<string, string>[] TwilioParameters =
    [
        new("To", "+18005551212"), new("CallSid", "CA1234567890ABCDE"), new("Digits", "1234"),
        new("From", "+12349013030"), new("Caller", "+12349013030"),
    ];

    private static readonly WebhookSignature Twilio = new()
    {
        Scheme = SignatureScheme.Twilio,
        Secret = SecretReference.Parse("${env:TWILIO_AUTH_TOKEN}"),
        Header = WebhookSignature.DefaultTwilioHeader,
    };

    private static readonly WebhookSignature Hmac = new()
    {
        Scheme = SignatureScheme.HmacSha256,
        Secret = SecretReference.Parse("${env:RELAY_SECRET}"),
        Header = WebhookSignature.DefaultHmacHeader,
        TimestampHeader = "X-Timestamp",
    };

    [Fact]
    public void The_twilio_signature_is_the_one_in_Twilios_worked_example()
    {
        WebhookSignatureVerifier.TwilioSignature(TwilioAuthToken, TwilioUrl, TwilioParameters).ShouldBe(TwilioExpected);
    }

    [Fact]
    public void The_twilio_signature_is_the_one_in_the_older_edition_of_the_example()
    {
        KeyValuePair<string, string>[] parameters =
        [
            new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675309"), new("Digits", "1234"),
            new("From", "+14158675309"), new("To", "+18005551212"),
        ];

        WebhookSignatureVerifier.TwilioSignature(TwilioAuthToken, TwilioUrl, parameters).ShouldBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    [Fact]
    public void A_twilio_request_with_the_documented_signature_verifies_whatever_the_parameter_order()
    {
        Verify(Twilio, TwilioAuthToken, Request(TwilioExpected, TwilioUrl, TwilioParameters.Reverse())).ShouldBe(SignatureVerdict.Valid);
    }

    [Fact]
    public void A_twilio_request_verifies_with_the_default_port_written_out()
    {
        Verify(Twilio, TwilioAuthToken, Request(TwilioExpected, "https://mycompany.com:443/myapp.php?foo=1&bar=2", TwilioParameters))
            .ShouldBe(SignatureVerdict.Valid);
    }

    [Theory]
    [InlineData("Digits", "9999")]
    [InlineData("From", "+12349013031")]
    public void A_twilio_request_with_a_changed_parameter_does_not_verify(string name, string value)
    {
        var tampered = TwilioParameters.Select(p => p.Key == name ? new KeyValuePair<string, string>(name, value) : p);

        Verify(Twilio, TwilioAuthToken, Request(TwilioExpected, TwilioUrl, tampered)).ShouldBe(SignatureVerdict.Mismatch);
    }

    [Fact]
    public void A_twilio_request_with_an_extra_parameter_does_not_verify()
    {
        Verify(Twilio, TwilioAuthToken, Request(TwilioExpected, TwilioUrl, [.. TwilioParameters, new("CallStatus", "completed")]))
            .ShouldBe(SignatureVerdict.Mismatch);
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://evil.example/myapp.php?foo=1&bar=2")]
    public void A_twilio_signature_made_for_another_url_does_not_verify(string url)
    {
        Verify(Twilio, TwilioAuthToken, Request(TwilioExpected, url, TwilioParameters)).ShouldBe(SignatureVerdict.Mismatch);
    }

    [Theory]
    [InlineData("54321", TwilioExpected)]
    [InlineData(TwilioAuthToken, "0/KCTR6DLpKmkAf8muzZqo1nDg")]
    [InlineData(TwilioAuthToken, "not base64 at all!")]
    public void A_twilio_signature_from_another_token_or_cut_short_does_not_verify(string token, string signature)
    {
        Verify(Twilio, token, Request(signature, TwilioUrl, TwilioParameters)).ShouldBe(SignatureVerdict.Mismatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_request_without_a_signature_is_reported_as_missing(string? signature)
    {
        Verify(Twilio, TwilioAuthToken, Request(signature, TwilioUrl, TwilioParameters)).ShouldBe(SignatureVerdict.Missing);
    }

    [Theory]
    [InlineData("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843")]
    public void Hmac_sha256_gives_the_rfc_4231_known_answer_in_either_hex_case(string signature)
    {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        var settings = Hmac with { Template = "{body}", TimestampHeader = null };

        Verify(settings, "Jefe", Request(signature, "https://hub.example.com/webhooks/x", [], "what do ya want for nothing?"))
            .ShouldBe(SignatureVerdict.Valid);
    }

    [Fact]
    public void Hmac_sha256_over_timestamp_and_body_gives_the_independently_computed_answer()
    {
        // Computed with Python's hmac module: hmac.new(b"connect-relay-secret", b'1627998228.{"id":"abc"}', sha256).
        const string Expected = "1e984908f664abe0440ce3475f3277196598a3a7cfc04b89e376b187571ccb1c";

        Verify(Hmac, "connect-relay-secret", Request(Expected, "https://hub.example.com/", [], """{"id":"abc"}""", "1627998228"))
            .ShouldBe(SignatureVerdict.Valid);
    }

    [Fact]
    public void Hmac_sha256_in_base64_with_a_prefix_verifies()
    {
        var settings = Hmac with { Encoding = SignatureEncoding.Base64, Prefix = "sha256=" };

        Verify(settings, "connect-relay-secret",
                Request("sha256=HphJCPZkq+BEDONHXzJ3GWWYo6fPwEuJ43axh1ccyxw=", "https://hub.example.com/", [], """{"id":"abc"}""", "1627998228"))
            .ShouldBe(SignatureVerdict.Valid);
    }

    [Theory]
    [InlineData("1627998229", """{"id":"abc"}""")]
    [InlineData("1627998228", """{"id":"abd"}""")]
    public void Hmac_sha256_over_another_timestamp_or_body_does_not_verify(string timestamp, string body)
    {
        Verify(Hmac, "connect-relay-secret",
                Request("1e984908f664abe0440ce3475f3277196598a3a7cfc04b89e376b187571ccb1c", "https://hub.example.com/", [], body, timestamp))
            .ShouldBe(SignatureVerdict.Mismatch);
    }

    [Theory]
    [InlineData("1e984908f664abe0440ce3475f3277196598a3a7cfc04b89e376b187571ccb")]
    [InlineData("zz984908f664abe0440ce3475f3277196598a3a7cfc04b89e376b187571ccb1c")]
    [InlineData("sha256=1e984908f664abe0440ce3475f3277196598a3a7cfc04b89e376b187571ccb1c")]
    public void A_truncated_non_hex_or_unexpectedly_prefixed_hmac_does_not_verify(string signature)
    {
        Verify(Hmac, "connect-relay-secret", Request(signature, "https://hub.example.com/", [], """{"id":"abc"}""", "1627998228"))
            .ShouldBe(SignatureVerdict.Mismatch);
    }

    private static SignatureVerdict Verify(WebhookSignature settings, string secret, SignedRequest request) =>
        WebhookSignatureVerifier.Verify(settings, secret, request);

    private static SignedRequest Request(string? signature, string url, IEnumerable<KeyValuePair<string, string>> parameters, string body = "", string? timestamp = null) =>
        new(signature, url, parameters.ToList(), Encoding.UTF8.GetBytes(body), timestamp);
}
