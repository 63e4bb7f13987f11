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

    [Fact]
    public async Task A_statement_run_again_and_again_is_prepared_once_and_stays_prepared_in_the_pool()
    {
        var provider = Fixture.CreateProvider();
        for (var i = 0; i < 10; i++)
        {
            await using var connection = await provider.OpenAsync(CancellationToken.None);
            (await connection.ExecuteScalarAsync<int>("SELECT @n::int + 1", new { n = i })).ShouldBe(i + 1);
        }

        await using var again = await provider.OpenAsync(CancellationToken.None);
        var prepared = await again.QueryAsync<string>("SELECT statement FROM pg_prepared_statements");
        prepared.ShouldContain(s => s.Contains("+ 1", StringComparison.Ordinal));
    }
}
