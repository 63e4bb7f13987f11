namespace Switchboard.Configuration;

public sealed record PostgresqlSettings
{
    /// <summary>The connection string carries a password, so it is always a reference.</summary>
    public required SecretReference ConnectionString { get; init; }
}
