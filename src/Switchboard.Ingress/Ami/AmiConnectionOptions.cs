namespace Switchboard.Ingress.Ami;

/// <summary>Limits and timeouts of one AMI connection. The defaults suit a real Asterisk.</summary>
public sealed record AmiConnectionOptions
{
    /// <summary>The largest message kept; bigger ones are skipped and reported, so a misbehaving peer cannot exhaust memory.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>The longest line kept; a longer one makes its message oversize.</summary>
    public int MaxLineBytes { get; init; } = 8 * 1024;

    /// <summary>Events read but not yet taken by the consumer. When full, reading pauses and Asterisk will drop a session that stays blocked past its writetimeout.</summary>
    public int EventBufferCapacity { get; init; } = 50_000;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an action waits for its Response.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called on the reading thread with a short reason (<c>oversize</c>, <c>malformed</c>) for each message skipped.</summary>
    public Action<string>? MessageRejected { get; init; }
}
