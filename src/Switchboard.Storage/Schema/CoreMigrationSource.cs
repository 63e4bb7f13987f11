using Switchboard.Storage.Migrations;

namespace Switchboard.Storage.Schema;

/// <summary>The tables of the canonical model, migrated before every other module's.</summary>
public sealed class CoreMigrationSource : IMigrationSource
{
    public const string ModuleName = "core";

    private static readonly Migration[] All =
    [
        new(1, "canonical model", CoreSchema.V1Sqlite, CoreSchema.V1PostgreSql),
        new(2, "list indexes in read order", CoreSchema.V2ListIndexes, CoreSchema.V2ListIndexes),
    ];

    public string Module => ModuleName;

    public IReadOnlyList<Migration> Migrations => All;
}
