namespace Switchboard.Testing;

public enum TestStorage
{
    Sqlite,
    PostgreSql,
    /// <summary>PostgreSQL configured on a loopback port nothing listens on.</summary>
    UnreachablePostgreSql,
}
