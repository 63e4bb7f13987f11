namespace Switchboard.Ingress.Tests.Webhooks.Support;

/// <summary>A clock the test sets; vendor samples carry fixed dates, so the hub's "now" is put next to them.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
