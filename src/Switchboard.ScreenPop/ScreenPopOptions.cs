using System.ComponentModel.DataAnnotations;

namespace Switchboard.ScreenPop;

/// <summary>Latency budget, timeouts, caching and reach of the screen pop.</summary>
public sealed class ScreenPopOptions
{
    /// <summary>The whole pop ends by then, whatever is still pending.</summary>
    [Range(50, 60_000)]
    public int BudgetMs { get; set; } = 1500;

    /// <summary>One system call's limit; a slower system shows as unavailable.</summary>
    [Range(10, 60_000)]
    public int SystemTimeoutMs { get; set; } = 800;

    /// <summary>How long a system's answer is reused for the same lookup (0 turns the cache off).</summary>
    [Range(0, 86_400)]
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How many of the customer's last calls the pop shows.</summary>
    [Range(0, 100)]
    public int HistoryCount { get; set; } = 5;

    /// <summary>The systems the pop may query; empty means every system that is not off (a screen-pop flow narrows it further).</summary>
    public IList<string> Systems { get; init; } = [];

    /// <summary>How long the last snapshot of a call stays available to <see cref="ScreenPopEngine.Latest"/> and picks.</summary>
    [Range(1, 1440)]
    public int RetainMinutes { get; set; } = 30;

    /// <summary>How many calls' pops are held at most (each about 2 KB, compressed); past it the least recently touched go first.</summary>
    [Range(100, 1_000_000)]
    public int MaxHeldCalls { get; set; } = 50_000;

    /// <summary>The options a configuration asks for: the <c>screenPop</c> section of its first screenPop flow, else the defaults.</summary>
    public static ScreenPopOptions From(Switchboard.Configuration.HubConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.Flows
            .FirstOrDefault(f => f.Capability == Switchboard.Configuration.Capability.ScreenPop)?.ScreenPop
            ?? Switchboard.Configuration.ScreenPopSettings.Default;
        return new ScreenPopOptions
        {
            BudgetMs = settings.BudgetMs,
            SystemTimeoutMs = settings.SystemTimeoutMs,
            CacheSeconds = settings.CacheSeconds,
            HistoryCount = settings.HistoryCount,
        };
    }

    /// <summary>Throws with every field out of range.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException("Invalid screen pop options: " + string.Join("; ", results.Select(r => r.ErrorMessage)));
        }
    }
}
