using Dapper;
using Switchboard.Storage.Tests.Compliance;

namespace Switchboard.Storage.Tests;

/// <summary>The storage compliance suite on a real PostgreSQL server (see <see cref="PostgreSqlStorageFixture"/>).</summary>
public sealed class PostgreSqlStorageTests(PostgreSqlStorageFixture fixture)
    : StorageComplianceTests(fixture), IClassFixture<PostgreSqlStorageFixture>
{
    [Fact]
    public async Task Power_durability_turns_synchronous_commit_on()
    {
        var power = Fixture.CreateProvider(Durability.Power);
        await using var connection = await power.OpenAsync(CancellationToken.None);

        (await connection.ExecuteScalarAsync<string>("SHOW synchronous_commit")).ShouldBe("on");
    }
}
