using Switchboard.Security;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>
/// The whole way through a real hub: HTTPS with its development certificate, real API keys on SQLite,
/// the event journal, and the interaction assembled from what zeep sent.
/// </summary>
public sealed class SoapHubTests
{
    [Fact]
    public async Task Zeep_events_reach_the_journal_and_become_an_interaction()
    {
        await using var hub = await TestHub.StartAsync();
        var pem = hub.Directory.Write("hub-cert.pem", hub.Certificate.ExportCertificatePem());
        var key = await hub.IssueKeyAsync(Roles.System);

        var report = await ZeepClient.RunAsync(new Uri(hub.Address, "soap/events?wsdl"), key, "hub", caFile: pem);

        ZeepClient.AssertReport(report, "hub");
        var interaction = await hub.Client(key).WaitForInteractionAsync("hub-call");
        interaction.GetProperty("callerNumber").GetString().ShouldBe("+14155550100");
        interaction.GetProperty("queue").GetString().ShouldBe("billing");
    }
}
