namespace Switchboard.ScreenPop;

/// <summary>One person the number (or IVR data) may belong to: the records of several systems merged.</summary>
public sealed record PopCandidate
{
    /// <summary>Stable across pops: <c>switchboard:{hub id}</c> when the hub knows the customer, else <c>{system}:{external id}</c>.</summary>
    public required string Key { get; init; }

    public required string DisplayName { get; init; }

    public string? Company { get; init; }

    /// <summary>In E.164.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Lower-cased.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    public IReadOnlyList<PopLink> Links { get; init; } = [];
}
