namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>Tuning of the RabbitMQ transport; the defaults suit a hub. Checked when the transport is built.</summary>
public sealed class RabbitMqTransportOptions
{
    public const int MaxRelayBatch = 5_000;

    /// <summary>Outbox rows the relay publishes (and then deletes) in one round, 1 to <see cref="MaxRelayBatch"/>.</summary>
    public int RelayBatch { get; init; } = 500;

    /// <summary>
    /// How often the relay looks at the outbox when nothing signalled it: rows written by another hub process
    /// cannot signal this one. 100 ms to 1 hour.
    /// </summary>
    public TimeSpan IdleLook { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between the relay's tries while the broker or the database fails. 100 ms to 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting (and each broker round trip) may take. 1 s to 5 minutes.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws naming every field out of range.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (RelayBatch is < 1 or > MaxRelayBatch)
        {
            errors.Add($"RelayBatch must be 1 to {MaxRelayBatch} (is {RelayBatch})");
        }

        Check(errors, nameof(IdleLook), IdleLook, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Check(errors, nameof(MaxBackoff), MaxBackoff, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Check(errors, nameof(ConnectTimeout), ConnectTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid RabbitMQ transport options: {string.Join("; ", errors)}.");
        }
    }

    private static void Check(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be {min} to {max} (is {value})");
        }
    }
}
