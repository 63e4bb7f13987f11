namespace Switchboard.Configuration;

/// <summary>
/// The <c>screenPop</c> section of a screenPop flow: how long a pop may take and what it keeps.
/// Read when the hub starts.
/// </summary>
public sealed record ScreenPopSettings
{
    public static readonly ScreenPopSettings Default = new();

    /// <summary>100 .. 30000 ms: the whole pop, every system included; what has not answered by then shows as unavailable.</summary>
    public int BudgetMs { get; init; } = 1500;

    /// <summary>50 .. 30000 ms: one system's answer; a slower system shows as unavailable and never delays the others.</summary>
    public int SystemTimeoutMs { get; init; } = 800;

    /// <summary>0 .. 86400 s: how long a system's answer is reused for the next pop of the same number (0: no cache).</summary>
    public int CacheSeconds { get; init; } = 60;

    /// <summary>0 .. 50: the caller's last interactions shown in the pop.</summary>
    public int HistoryCount { get; init; } = 5;

    /// <summary>
    /// The system of record new customers are created in when the pop finds nobody (its <c>customer.create</c>, else
    /// <c>customer.upsert</c>); null: the desktop does not offer to create customers. Read at every request.
    /// </summary>
    public string? CreateIn { get; init; }
}
