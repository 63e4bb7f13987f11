namespace Switchboard.Ingress.Ami;

/// <summary>Exponential backoff with jitter: attempt n waits between half and all of min·2ⁿ, capped at max.</summary>
internal static class AmiBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, double random)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30)));
        // Jitter spreads the reconnects of several hubs (or several systems) after one Asterisk restart.
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random / 2)));
    }
}
