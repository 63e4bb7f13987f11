using System.Net;
using System.Text;
using static Switchboard.Ingress.Tests.Soap.SoapEnvelopes;

namespace Switchboard.Ingress.Tests.Soap;

public sealed class SoapFaultTests
{
    private const string Rejected = "switchboard.ingress.requests.rejected";

    [Fact]
    public async Task Batch_with_invalid_events_is_refused_entirely_and_lists_every_error()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, SubmitEvents(
            Event("ok-1"), Event("bad-1", type: "call.bogus"), Event("bad-2", occurredAt: "2026-11-24T10:15:00")));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var (code, text, fields) = Fault(await ReadAsync(response));
        code.ShouldBe("Client");
        fields.ShouldBe(["events[2].occurredAt", "events[1].type"], ignoreOrder: true);
        text.ShouldContain("nothing was ingested");
        text.ShouldContain("events[1].type: 'call.bogus' is not an event type");
        text.ShouldContain("events[2].occurredAt: '2026-11-24T10:15:00' has no time zone");
        host.Ingest.Accepted.ShouldBeEmpty();
        host.Measured(Rejected, "invalid").ShouldBe(1);
    }

    [Fact]
    public async Task Single_invalid_event_names_field_value_and_reason()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, SubmitEvent(Event("bad-from", from: "not a number", extra: "<e:priority>high</e:priority>")));

        var (_, text, fields) = Fault(await ReadAsync(response));
        fields.ShouldBe(["event.priority", "event.from"]);
        text.ShouldContain("event.from: 'not a number'");
        text.ShouldContain("event.priority: is not a CallEvent element");
        host.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Soap12_fault_is_a_sender_fault_on_400()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, SubmitEvent(Event("bad-12", type: ""), Soap12), soap12: true);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (code, text, fields) = Fault(await ReadAsync(response));
        code.ShouldBe("Sender");
        fields.ShouldBe(["event.type"]);
        text.ShouldContain("event.type: '' is required");
    }

    [Fact]
    public async Task Doctype_with_an_external_entity_is_refused_and_nothing_is_ingested()
    {
        await using var host = await SoapTestHost.StartAsync();
        var secret = Path.Combine(Path.GetTempPath(), $"xxe-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE soap:Envelope [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <soap:Envelope xmlns:soap="{Soap11}" xmlns:e="{Ns}"><soap:Body><e:SubmitEvent><e:event>
                {Event("xxe-1", extra: "<e:notes>&xxe;</e:notes>")}
                </e:event></e:SubmitEvent></soap:Body></soap:Envelope>
                """;

            var response = await PostAsync(host.Client, xml);

            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            var body = await response.Content.ReadAsStringAsync();
            body.ShouldNotContain("TOP-SECRET-CONTENT");
            var (code, text, _) = Fault(System.Xml.Linq.XDocument.Parse(body));
            code.ShouldBe("Client");
            text.ShouldContain("DTD");
            host.Ingest.Accepted.ShouldBeEmpty();
            host.Measured(Rejected, "malformed").ShouldBe(1);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task Malformed_xml_gets_a_client_fault()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, "<soap:Envelope xmlns:soap=\"" + Soap11 + "\"><soap:Body><unclosed>");

        var (code, text, _) = Fault(await ReadAsync(response));
        code.ShouldBe("Client");
        text.ShouldStartWith("The request is not well-formed XML");
    }

    [Fact]
    public async Task Unknown_operation_and_envelope_version_are_refused()
    {
        await using var host = await SoapTestHost.StartAsync();

        var unknown = Fault(await ReadAsync(await PostAsync(host.Client, Envelope("<e:DeleteEverything/>"))));
        var version = Fault(await ReadAsync(await PostAsync(host.Client, SubmitEvent(Event("v-1"), "http://example.com/envelope"))));

        unknown.Text.ShouldContain("DeleteEverything in namespace 'urn:switchboard:events:v1' is not an operation");
        version.Code.ShouldBe("VersionMismatch");
        host.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Header_marked_must_understand_is_refused()
    {
        await using var host = await SoapTestHost.StartAsync();
        var header = "<soap:Header><s:Security xmlns:s=\"urn:x\" soap:mustUnderstand=\"1\"/></soap:Header>";

        var response = await PostAsync(host.Client, Envelope($"<e:SubmitEvent><e:event>{Event("mu-1")}</e:event></e:SubmitEvent>", header: header));

        Fault(await ReadAsync(response)).Code.ShouldBe("MustUnderstand");
        host.Ingest.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task Batch_over_the_limit_is_refused()
    {
        await using var host = await SoapTestHost.StartAsync(maxBatchSize: 2);

        var response = await PostAsync(host.Client, SubmitEvents(Event("l-1"), Event("l-2"), Event("l-3")));

        Fault(await ReadAsync(response)).Text.ShouldStartWith("events: holds 3 events; at most 2 are accepted per request");
        host.Ingest.Accepted.ShouldBeEmpty();
        host.Measured(Rejected, "batch_too_large").ShouldBe(1);
    }

    [Fact]
    public async Task Oversize_body_gets_413_with_a_fault()
    {
        await using var host = await SoapTestHost.StartAsync(maxRequestBodyBytes: 4096);
        var notes = new StringBuilder().Append('x', 8000).ToString();

        var response = await PostAsync(host.Client, SubmitEvent(Event("big-1", extra: $"<e:notes>{notes}</e:notes>")));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Fault(await ReadAsync(response)).Text.ShouldContain("exceeds the limit of 4096 bytes");
        host.Ingest.Accepted.ShouldBeEmpty();
        host.Measured(Rejected, "oversize").ShouldBe(1);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "Send an API key in the X-Api-Key header.", "unauthorized")]
    [InlineData("sbk_wrong", HttpStatusCode.Unauthorized, "The API key is not known.", "unauthorized")]
    [InlineData(TestApiKeyHandler.ReadOnlyKey, HttpStatusCode.Forbidden, "This key's roles do not grant EventsWrite.", "forbidden")]
    public async Task Call_without_an_events_key_gets_a_fault_and_ingests_nothing(string? key, HttpStatusCode status, string message, string reason)
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, SubmitEvent(Event("auth-1")), key);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var (code, text, _) = Fault(await ReadAsync(response));
        code.ShouldBe("Client");
        text.ShouldBe(message);
        host.Ingest.Accepted.ShouldBeEmpty();
        host.Measured(Rejected, reason).ShouldBe(1);
    }
}
