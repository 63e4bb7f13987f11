namespace Switchboard.Connectors.Http;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> (so tests move a fake clock). A caller reserves its
/// token up front: the bucket may go negative, and the depth says how long that caller must wait,
/// which gives first-come order and tells at once whether the wait would exceed the allowed maximum.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _stamp;

    public TokenBucket(double perSecond, double capacity, TimeProvider time)
    {
        _perSecond = perSecond;
        _capacity = capacity;
        _time = time;
        _tokens = capacity;
        _stamp = time.GetTimestamp();
    }

    /// <summary>Takes a token; returns how long to wait before using it (zero when one was there).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }

    /// <summary>Gives back a reserved token that will not be used.</summary>
    public void Return()
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_capacity, _tokens + 1);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _perSecond));
        _stamp = now;
    }
}
