namespace Switchboard.Configuration;

/// <summary>A flow, declared in one file under <c>flows/</c>: a capability, its rollout mode and the systems it uses.</summary>
public sealed record FlowDefinition
{
    /// <summary>Unique; lowercase letters, digits and '-'.</summary>
    public required string Name { get; init; }

    /// <summary>The file that declares it, relative to the configuration directory.</summary>
    public required string File { get; init; }

    public required Capability Capability { get; init; }

    public RolloutMode Mode { get; init; } = RolloutMode.Off;

    /// <summary>The systems the flow uses; empty means every system that is not off.</summary>
    public IReadOnlyList<string> Systems { get; init; } = [];

    /// <summary>screenPop flows: the pop's budget, timeouts and cache (defaults when the section is absent); null for other capabilities.</summary>
    public ScreenPopSettings? ScreenPop { get; init; }

    /// <summary>orderCapture and ticketing flows: how status changes are followed (no polling when the section is absent); null for other capabilities.</summary>
    public ChangeSettings? Changes { get; init; }

    /// <summary>The cohort; set (and required) in pilot mode, null otherwise.</summary>
    public PilotSettings? Pilot { get; init; }

    /// <summary>Whether the flow applies to a call: on and shadow always, pilot when the call is in the cohort, off never.</summary>
    public bool AppliesTo(IEnumerable<string> agentIds, string? queue, string callId) => Mode switch
    {
        RolloutMode.On or RolloutMode.Shadow => true,
        RolloutMode.Pilot => Pilot is { } pilot && pilot.Includes(agentIds, queue, callId),
        _ => false,
    };
}
