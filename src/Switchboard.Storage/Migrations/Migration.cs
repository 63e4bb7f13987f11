namespace Switchboard.Storage.Migrations;

/// <summary>
/// One schema step of one module, in the dialect of each provider. Applied once, in version
/// order, in its own transaction; never edited after it has shipped: add a new version instead.
/// </summary>
public sealed record Migration(int Version, string Name, string Sqlite, string PostgreSql)
{
    public string SqlFor(StorageProviderKind kind) => kind switch
    {
        StorageProviderKind.Sqlite => Sqlite,
        StorageProviderKind.PostgreSql => PostgreSql,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown storage provider."),
    };
}
