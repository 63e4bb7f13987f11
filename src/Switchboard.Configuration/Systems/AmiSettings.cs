namespace Switchboard.Configuration;

/// <summary>The optional <c>ami</c> section of a system with protocol ami: how the hub stays connected and reads the events.</summary>
public sealed record AmiSettings
{
    public const double MinReconnectSeconds = 0.1;
    public const double MaxReconnectSeconds = 3600;

    /// <summary>0.1 .. 3600 s: the first wait before reconnecting after a drop or a failed login.</summary>
    public double ReconnectMinSeconds { get; init; } = 1;

    /// <summary>0.1 .. 3600 s, at least <see cref="ReconnectMinSeconds"/>: the wait grows exponentially (with jitter) up to this.</summary>
    public double ReconnectMaxSeconds { get; init; } = 30;

    public AmiAgentIdSource AgentIdFrom { get; init; } = AmiAgentIdSource.MemberName;

    /// <summary>The dialplan context click-to-dial sends the dialled number to (Originate's Context).</summary>
    public string OriginateContext { get; init; } = "from-internal";

    /// <summary>When true, each new session asks for <c>QueueStatus</c> so agent states missed while disconnected are caught up.</summary>
    public bool ResyncOnConnect { get; init; } = true;

    public TimeSpan ReconnectMin => TimeSpan.FromSeconds(ReconnectMinSeconds);

    public TimeSpan ReconnectMax => TimeSpan.FromSeconds(ReconnectMaxSeconds);
}
