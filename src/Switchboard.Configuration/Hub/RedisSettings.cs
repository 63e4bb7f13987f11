namespace Switchboard.Configuration;

/// <summary>
/// The <c>redis</c> section of switchboard.yaml: the Redis server several hub processes share, through which
/// each desktop push (screen pops, record changes) reaches the agents connected to any of them.
/// </summary>
public sealed record RedisSettings
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=...</c>); always a reference.</summary>
    public required SecretReference ConnectionString { get; init; }

    /// <summary>Prefix of the channels the hub publishes on: hubs sharing a Redis server and this prefix reach each other's desktops.</summary>
    public string ChannelPrefix { get; init; } = "switchboard";
}
