using Switchboard.Storage.Tests.Compliance;

namespace Switchboard.Storage.Tests;

/// <summary>The storage compliance suite on a SQLite file.</summary>
public sealed class SqliteStorageTests(SqliteStorageFixture fixture)
    : StorageComplianceTests(fixture), IClassFixture<SqliteStorageFixture>;
