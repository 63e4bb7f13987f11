namespace Switchboard.Ingress.Tests.Soap;

/// <summary>A SOAP client nobody on the team wrote (python3-zeep) loads our WSDL and calls both operations.</summary>
public sealed class ZeepClientTests
{
    [Fact]
    public async Task Zeep_submits_events_from_our_wsdl_and_raises_our_faults()
    {
        await using var host = await SoapTestHost.StartAsync();

        var report = await ZeepClient.RunAsync(new Uri(host.Endpoint + "?wsdl"), TestApiKeyHandler.EventsKey, "zeep");

        ZeepClient.AssertReport(report, "zeep");
        host.Ingest.Accepted.Select(e => e.EventId).ShouldBe(["zeep-1", "zeep-2", "zeep-3", "zeep-4"]);
        var first = host.Ingest.Accepted[0];
        first.From.ShouldBe("+14155550100");
        first.Attributes.ShouldBe(new Dictionary<string, string> { ["accountNumber"] = "A-42" });
        (DateTimeOffset.UtcNow - first.OccurredAt).ShouldBeLessThan(TimeSpan.FromMinutes(2));
    }
}
