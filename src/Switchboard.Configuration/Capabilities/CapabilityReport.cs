namespace Switchboard.Configuration;

/// <summary>Whether one capability can work with the configured systems, and if not, what is missing.</summary>
public sealed record CapabilityReport
{
    public required Capability Capability { get; init; }

    /// <summary>The capability as spelt in YAML, e.g. <c>screenPop</c>.</summary>
    public required string Name { get; init; }

    /// <summary>True when every operation the capability needs is implemented by a system that counts.</summary>
    public required bool IsReady { get; init; }

    /// <summary>True when a flow for this capability is in a mode other than off.</summary>
    public required bool IsEnabled { get; init; }

    /// <summary>The flows for this capability, in any mode.</summary>
    public required IReadOnlyList<string> Flows { get; init; }

    /// <summary>The systems that count: not off, and named by the capability's flows when they name any.</summary>
    public required IReadOnlyList<string> Systems { get; init; }

    /// <summary>For each operation the capability needs or can use: the systems (among <see cref="Systems"/>) that implement it; empty when none does.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Providers { get; init; }

    /// <summary>One plain-English line per missing piece that stops the capability, e.g. <c>screenPop: no system implements customer.findByPhone</c>.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>Lines that do not stop the capability: optional operations nobody implements, flows that are all off, likely typos.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
