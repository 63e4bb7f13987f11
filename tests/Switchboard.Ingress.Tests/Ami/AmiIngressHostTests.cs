using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Ami;
using Switchboard.Ingress.Tests.Support;
using Switchboard.Interactions;
using Switchboard.Testing;
using Switchboard.Testing.Ami;

namespace Switchboard.Ingress.Tests.Ami;

public sealed class AmiIngressHostTests
{
    [Fact]
    public async Task AddAmiIngress_runs_each_ami_system_of_the_configuration_and_follows_reloads()
    {
        await using var peer = new ScriptedAmiPeer(AmiScript.Load("answered-call.ami"));
        using var directory = new TempDirectory("switchboard-ami");
        var variable = $"SWITCHBOARD_TEST_AMI_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "s3cret");
        directory.Write("switchboard.yaml", string.Empty);
        directory.Write("systems/asterisk.yaml", System(peer.Address, variable, "on"));
        using var monitor = new ConfigurationMonitor(directory.Path, NullLogger<ConfigurationMonitor>.Instance, watch: false);
        var ingest = new RecordingIngest();
        await using var provider = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug))
            .AddSingleton(monitor)
            .AddSingleton(new PhoneNormalizer("US"))
            .AddSingleton<IEventIngest>(ingest)
            .AddAmiIngress()
            .BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        var host = provider.GetRequiredService<AmiIngressHost>();
        try
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            await ingest.WaitForAsync(e => e.Type == EventTypes.CallEnded);
            ingest.Accepted.Where(e => e.CallId == "cust-0001").Select(e => e.Type).ShouldBe([
                EventTypes.CallOffered, EventTypes.CallQueued, EventTypes.CallRinging, EventTypes.CallAnswered, EventTypes.CallEnded]);
            provider.GetRequiredService<IContactCenterActions>().ShouldBeSameAs(host);
            host.Sessions.ShouldHaveSingleItem().Definition.Name.ShouldBe("asterisk");

            directory.Write("systems/asterisk.yaml", System(peer.Address, variable, "off"));
            monitor.Reload().Outcome.ShouldBe(ReloadOutcome.Applied);
            await WaitUntilAsync(() => host.Sessions.Count == 0);

            (await Should.ThrowAsync<ContactCenterActionException>(() => host.PlaceCallAsync("Agent 100", "100", CancellationToken.None)))
                .Message.ShouldStartWith("No Asterisk (protocol ami) system is configured in mode on or pilot");
        }
        finally
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string System(string address, string variable, string mode) => $$"""
        name: asterisk
        kind: contactCenter
        protocol: ami
        mode: {{mode}}
        address: {{address}}
        auth: { type: basic, username: hub, password: "${env:{{variable}}}" }
        ami:
          reconnect: { minSeconds: 0.1, maxSeconds: 1 }
          resyncOnConnect: false
        """;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until);
            await Task.Delay(20);
        }
    }
}
