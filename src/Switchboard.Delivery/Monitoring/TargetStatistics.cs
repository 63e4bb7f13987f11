namespace Switchboard.Delivery.Monitoring;

/// <summary>What one target's delivery did since the hub started, and its recent sync lag, for the status API.</summary>
public sealed class TargetStatistics
{
    private const int LagWindow = 2048;
    private readonly double[] _lags = new double[LagWindow];
    private readonly Lock _gate = new();
    private int _lagCount;
    private int _lagNext;

    public TargetStatistics(string target) => Target = target;

    public string Target { get; }

    public long Delivered { get; private set; }

    public long DeadLettered { get; private set; }

    public long DuplicatesSuppressed { get; private set; }

    public long FailedAttempts { get; private set; }

    public DateTimeOffset? LastDeliveredAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>Messages waiting or in flight, as last counted.</summary>
    public long Pending { get; set; }

    internal void RecordDelivered(DateTimeOffset at, double lagMs)
    {
        lock (_gate)
        {
            Delivered++;
            LastDeliveredAt = at;
            _lags[_lagNext] = lagMs;
            _lagNext = (_lagNext + 1) % LagWindow;
            _lagCount = Math.Min(_lagCount + 1, LagWindow);
        }
    }

    internal void RecordFailure(DateTimeOffset at, string error)
    {
        lock (_gate)
        {
            FailedAttempts++;
            LastError = error;
            LastErrorAt = at;
        }
    }

    internal void RecordDeadLetter()
    {
        lock (_gate)
        {
            DeadLettered++;
        }
    }

    internal void RecordDuplicate()
    {
        lock (_gate)
        {
            DuplicatesSuppressed++;
        }
    }

    /// <summary>The sync lag (change to confirmation at the target) at <paramref name="quantile"/> over the last 2,048 deliveries; null before any.</summary>
    public double? LagMs(double quantile)
    {
        double[] copy;
        lock (_gate)
        {
            if (_lagCount == 0)
            {
                return null;
            }

            copy = _lags[.._lagCount];
        }

        Array.Sort(copy);
        return copy[Math.Clamp((int)Math.Ceiling(quantile * copy.Length) - 1, 0, copy.Length - 1)];
    }
}
