using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using static Switchboard.Ingress.Tests.Soap.SoapEnvelopes;

namespace Switchboard.Ingress.Tests.Soap;

public sealed class SoapEventEndpointTests
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    [Fact]
    public async Task Wsdl_is_served_without_a_key_and_points_back_to_the_requested_address()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await host.Client.GetAsync("/soap/events?wsdl");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var wsdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var locations = wsdl.Descendants().Where(e => e.Name.LocalName == "address").Select(e => (string?)e.Attribute("location")).ToList();
        locations.ShouldBe([host.Endpoint.ToString(), host.Endpoint.ToString()]);
        wsdl.Descendants(Wsdl + "binding").Select(b => (string?)b.Attribute("name")).ShouldBe(["EventsSoap11Binding", "EventsSoap12Binding"]);
        wsdl.Descendants(Wsdl + "portType").Single().Elements(Wsdl + "operation").Select(o => (string?)o.Attribute("name"))
            .ShouldBe(["SubmitEvent", "SubmitEvents"]);
    }

    [Fact]
    public async Task Wsdl_schema_compiles_and_accepts_a_request_we_accept()
    {
        await using var host = await SoapTestHost.StartAsync();
        var wsdl = XDocument.Parse(await host.Client.GetStringAsync("/soap/events?wsdl"));
        var schemas = new XmlSchemaSet();
        schemas.Add(XmlSchema.Read(wsdl.Descendants(Xs + "schema").Single().CreateReader(), null)!);
        schemas.Compile();

        var body = XDocument.Parse(SubmitEvent(Event("wsdl-1", extra: "<e:attributes><e:attribute><e:name>accountNumber</e:name><e:value>A-1</e:value></e:attribute></e:attributes>")))
            .Descendants(XName.Get("SubmitEvent", Ns)).Single();
        var errors = new List<string>();
        new XDocument(body).Validate(schemas, (_, e) => errors.Add(e.Message));

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Submitted_event_is_accepted_then_reported_duplicate_on_resend()
    {
        await using var host = await SoapTestHost.StartAsync();
        var request = SubmitEvent(Event("soap-1", extra: """
            <e:queue>billing</e:queue><e:attributes>
            <e:attribute><e:name>accountNumber</e:name><e:value>A-42</e:value></e:attribute>
            <e:attribute><e:name>language</e:name><e:value>en</e:value></e:attribute></e:attributes>
            """));

        var first = await PostAsync(host.Client, request);
        var second = await PostAsync(host.Client, request);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        Outcomes(await ReadAsync(first)).ShouldBe([("soap-1", "accepted")]);
        Outcomes(await ReadAsync(second)).ShouldBe([("soap-1", "duplicate")]);
        var ingested = host.Ingest.Accepted.ShouldHaveSingleItem();
        ingested.Type.ShouldBe("call.offered");
        ingested.CallId.ShouldBe("call-1");
        ingested.From.ShouldBe("+14155550100");
        ingested.Queue.ShouldBe("billing");
        ingested.Source.ShouldBe("soap");
        ingested.Attributes.ShouldBe(new Dictionary<string, string> { ["accountNumber"] = "A-42", ["language"] = "en" });
        host.Measured("switchboard.ingress.events.accepted").ShouldBe(1);
        host.Measured("switchboard.ingress.events.duplicate").ShouldBe(1);
    }

    [Fact]
    public async Task Batch_answers_one_outcome_per_event_in_order()
    {
        await using var host = await SoapTestHost.StartAsync();
        await PostAsync(host.Client, SubmitEvent(Event("b-2")));

        var response = await PostAsync(host.Client, SubmitEvents(
            Event("b-1"), Event("b-2"), Event("b-3", "call.answered", extra: "<e:agentId>agent-7</e:agentId>")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Outcomes(await ReadAsync(response)).ShouldBe([("b-1", "accepted"), ("b-2", "duplicate"), ("b-3", "accepted")]);
        host.Ingest.Accepted.Select(e => e.EventId).ShouldBe(["b-2", "b-1", "b-3"]);
    }

    [Fact]
    public async Task Soap12_request_is_answered_in_soap12()
    {
        await using var host = await SoapTestHost.StartAsync();

        var response = await PostAsync(host.Client, SubmitEvent(Event("v12-1"), Soap12), soap12: true);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/soap+xml");
        var reply = await ReadAsync(response);
        reply.Root!.Name.ShouldBe(XName.Get("Envelope", Soap12));
        Outcomes(reply).ShouldBe([("v12-1", "accepted")]);
    }

    [Fact]
    public async Task Occurred_at_keeps_its_offset()
    {
        await using var host = await SoapTestHost.StartAsync();
        var local = DateTimeOffset.UtcNow.AddMinutes(-3).ToOffset(TimeSpan.FromHours(2));

        await PostAsync(host.Client, SubmitEvent(Event("time-1", occurredAt: XmlConvert.ToString(local))));

        host.Ingest.Accepted.ShouldHaveSingleItem().OccurredAt.ShouldBe(local);
    }
}
