using StackExchange.Redis;

namespace Switchboard.Environment.Tests;

public class RedisTests
{
    [Fact]
    public async Task Redis_answers_ping_and_returns_what_was_set()
    {
        var endpoint = TestEnvironment.Require(TestEnvironment.RedisVariable);
        var options = ConfigurationOptions.Parse(endpoint);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)TestEnvironment.Timeout.TotalMilliseconds;

        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var database = redis.GetDatabase();

        var latency = await database.PingAsync();
        latency.ShouldBeLessThan(TestEnvironment.Timeout);

        var key = new RedisKey($"switchboard:environment:{Guid.NewGuid():N}");
        (await database.StringSetAsync(key, "ready", TimeSpan.FromMinutes(1))).ShouldBeTrue();
        ((string?)await database.StringGetAsync(key)).ShouldBe("ready");
        (await database.KeyDeleteAsync(key)).ShouldBeTrue();
    }
}
