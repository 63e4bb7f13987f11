namespace Switchboard.Storage.Migrations;

/// <summary>
/// The migrations of one module's own tables. A module registers its source with
/// <c>services.AddSingleton&lt;IMigrationSource, TheirSource&gt;()</c>; <see cref="SchemaMigrator"/>
/// applies every registered source, the core module first.
/// </summary>
public interface IMigrationSource
{
    /// <summary>A short unique name, e.g. <c>core</c> or <c>security</c>.</summary>
    string Module { get; }

    IReadOnlyList<Migration> Migrations { get; }
}
