namespace Switchboard.ScreenPop;

/// <summary>One lookup of a pop: a system's operation, or the hub's own index or history (system <c>switchboard</c>).</summary>
public sealed record PopSource
{
    public required string System { get; init; }

    public required string Operation { get; init; }

    public PopSourceState State { get; init; } = PopSourceState.Pending;

    /// <summary>How long the lookup took; null while pending.</summary>
    public double? ElapsedMs { get; init; }

    /// <summary>Why the source is unavailable: <c>timed out after 800 ms</c>, or the connector's error.</summary>
    public string? Reason { get; init; }
}
