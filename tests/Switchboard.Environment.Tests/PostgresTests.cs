using Npgsql;

namespace Switchboard.Environment.Tests;

public class PostgresTests
{
    [Fact]
    public async Task PostgreSQL_15_answers_and_keeps_a_row()
    {
        using var timeout = new CancellationTokenSource(TestEnvironment.Timeout);
        var connectionString = TestEnvironment.Require(TestEnvironment.PostgresVariable);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);

        await using (var version = new NpgsqlCommand("SELECT version()", connection))
        {
            var text = (string?)await version.ExecuteScalarAsync(timeout.Token);
            text.ShouldNotBeNull().ShouldStartWith("PostgreSQL 15");
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE environment_check (id int PRIMARY KEY, name text NOT NULL);" +
            "INSERT INTO environment_check VALUES (1, 'switchboard');", connection))
        {
            await create.ExecuteNonQueryAsync(timeout.Token);
        }

        await using var select = new NpgsqlCommand("SELECT name FROM environment_check WHERE id = 1", connection);
        ((string?)await select.ExecuteScalarAsync(timeout.Token)).ShouldBe("switchboard");
    }
}
