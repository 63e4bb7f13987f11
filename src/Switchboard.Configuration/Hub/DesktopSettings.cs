namespace Switchboard.Configuration;

/// <summary>The <c>desktop</c> section of switchboard.yaml: what the agent desktop offers.</summary>
public sealed record DesktopSettings
{
    /// <summary>The longest disposition code; it is stored on every interaction.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>The list used when switchboard.yaml has no <c>desktop.dispositions</c>.</summary>
    public static IReadOnlyList<DispositionOption> DefaultDispositions { get; } =
    [
        new("resolved", "Resolved", "已解决"),
        new("callback", "Callback needed", "需要回电"),
        new("sale", "Sale", "成交"),
        new("complaint", "Complaint", "投诉"),
        new("wrongNumber", "Wrong number", "打错电话"),
    ];

    /// <summary>The dispositions an agent chooses from at wrap-up, in the order shown.</summary>
    public IReadOnlyList<DispositionOption> Dispositions { get; init; } = DefaultDispositions;

    public DispositionOption? FindDisposition(string? code) =>
        Dispositions.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal));
}
