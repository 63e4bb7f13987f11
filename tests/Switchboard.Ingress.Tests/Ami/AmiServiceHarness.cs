using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Ami;
using Switchboard.Ingress.Tests.Support;
using Switchboard.Testing.Ami;

namespace Switchboard.Ingress.Tests.Ami;

/// <summary>An <see cref="AmiIngressService"/> against a <see cref="ScriptedAmiPeer"/>, with a recording ingest, metrics and logs.</summary>
public sealed class AmiServiceHarness : IAsyncDisposable
{
    private readonly string _passwordVariable = $"SWITCHBOARD_TEST_AMI_{Guid.NewGuid():N}";

    public AmiServiceHarness(ScriptedAmiPeer peer, string password = "s3cret", AmiSettings? settings = null, RolloutMode mode = RolloutMode.On)
    {
        Peer = peer;
        Environment.SetEnvironmentVariable(_passwordVariable, password);
        System = new SystemDefinition
        {
            Name = "asterisk",
            File = "systems/asterisk.yaml",
            Kind = SystemKind.ContactCenter,
            Protocol = SystemProtocol.Ami,
            Mode = mode,
            Address = peer.Address,
            AddressUri = new Uri(peer.Address),
            Auth = new AuthSettings { Type = AuthType.Basic, Username = "hub", Password = SecretReference.Parse($"${{env:{_passwordVariable}}}") },
            Ami = settings ?? new AmiSettings { ReconnectMinSeconds = 0.05, ReconnectMaxSeconds = 0.4, ResyncOnConnect = false },
        };
        Service = new AmiIngressService(
            System,
            new AmiCallTracker(System.Name, System.Ami!.AgentIdFrom),
            Ingest,
            Probe.Metrics,
            new ContactCenterEventValidator(new PhoneNormalizer("US"), TimeProvider.System),
            TimeProvider.System,
            Logger);
    }

    public ScriptedAmiPeer Peer { get; }

    public SystemDefinition System { get; }

    public RecordingIngest Ingest { get; } = new();

    public MetricsProbe Probe { get; } = new();

    public ListLogger<AmiIngressService> Logger { get; } = new();

    public AmiIngressService Service { get; }

    public static async Task<AmiServiceHarness> StartAsync(string script, string password = "s3cret", AmiSettings? settings = null, IReadOnlyList<string>? queueMembers = null)
    {
        var peer = new ScriptedAmiPeer(AmiScript.Load(script)) { QueueMembers = queueMembers ?? [] };
        var harness = new AmiServiceHarness(peer, password, settings);
        await harness.Service.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Events of one call in the order accepted.</summary>
    public IReadOnlyList<ContactCenterEvent> Call(string callId) => [.. Ingest.Accepted.Where(e => e.CallId == callId)];

    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
        await Peer.DisposeAsync();
        Probe.Dispose();
        Environment.SetEnvironmentVariable(_passwordVariable, null);
    }
}
