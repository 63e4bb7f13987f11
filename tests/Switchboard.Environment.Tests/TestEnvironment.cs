namespace Switchboard.Environment.Tests;

/// <summary>
/// Reads the addresses of the test servers that ./test.sh starts and exports.
/// </summary>
internal static class TestEnvironment
{
    public const string PostgresVariable = "SWITCHBOARD_TEST_POSTGRES";
    public const string RabbitMqVariable = "SWITCHBOARD_TEST_RABBITMQ";
    public const string RedisVariable = "SWITCHBOARD_TEST_REDIS";
    public const string ChromiumVariable = "SWITCHBOARD_TEST_CHROMIUM";

    /// <summary>Upper bound for one environment check, so a dead server fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Require(string variable)
    {
        var value = System.Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Environment variable {variable} is not set. Run the tests through ./test.sh, " +
                "which starts the test servers and exports it (or start them with scripts/services/start.sh).");
        }

        return value;
    }
}
