using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Configuration;
using Switchboard.Connectors.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>The circuit breaker, rate limit and concurrency limit, with a fake clock where waiting is the point.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly WireMockServer _server = TestSystems.StartWireMock();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _server.Stop();

    private SystemDefinition Crm => TestSystems.At(_server);

    private int Calls => _server.LogEntries.Count();

    [Fact]
    public async Task The_circuit_opens_after_failures_refuses_calls_without_sending_them_and_closes_after_the_break()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        await using var transport = TestSystems.Transport(Crm with
        {
            Retry = new RetrySettings { MaxAttempts = 1 },
            CircuitBreaker = new CircuitBreakerSettings { FailureRatio = 0.5, MinimumCalls = 2, BreakSeconds = 5, SamplingSeconds = 30 },
        }, _time);

        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(503);
        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(503);
        var refused = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        refused.Kind.ShouldBe(ConnectorFailureKind.CircuitOpen);
        refused.Message.ShouldBe("demo-crm customer.get: the circuit is open after repeated failures; calls resume in 5 s");
        Calls.ShouldBe(2);

        _server.Reset();
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        _time.Advance(TimeSpan.FromSeconds(5));
        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(200);
        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(200);
        Calls.ShouldBe(2);
    }

    [Fact]
    public async Task A_client_error_does_not_count_against_the_circuit()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        await using var transport = TestSystems.Transport(Crm with
        {
            CircuitBreaker = new CircuitBreakerSettings { FailureRatio = 0.5, MinimumCalls = 2, BreakSeconds = 5 },
        }, _time);

        for (var i = 0; i < 5; i++)
        {
            (await transport.GetAsync("/contacts/404")).Status.ShouldBe(404);
        }

        Calls.ShouldBe(5);
    }

    [Fact]
    public async Task The_rate_limit_spaces_calls_by_the_token_bucket()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        await using var transport = TestSystems.Transport(Crm with
        {
            RateLimit = new RateLimitSettings { PerSecond = 2, Burst = 1, MaxWaitSeconds = 10 },
        }, _time);

        var calls = Enumerable.Range(0, 3).Select(_ => transport.GetAsync("/contacts/1")).ToList();
        await WaitForCallsAsync(1);
        await Task.Delay(150);
        Calls.ShouldBe(1);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForCallsAsync(2);
        await Task.Delay(150);
        Calls.ShouldBe(2);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        results.ShouldAllBe(r => r.Status == 200);
        Calls.ShouldBe(3);
    }

    [Fact]
    public async Task A_call_that_would_wait_longer_than_allowed_for_the_rate_limit_fails_at_once()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        await using var transport = TestSystems.Transport(Crm with
        {
            RateLimit = new RateLimitSettings { PerSecond = 1, Burst = 1, MaxWaitSeconds = 0.5 },
        }, _time);

        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(200);
        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.RateLimited);
        failure.Reason.ShouldBe("the rate limit of 1 calls per second would delay this call by 1 s, longer than rateLimit.maxWaitSeconds (0.5 s)");
        Calls.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        (await transport.GetAsync("/contacts/1")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task No_more_calls_than_the_concurrency_limit_are_in_flight_and_the_others_queue()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        await using var web = await TestWebServer.StartAsync(routes => routes.MapGet("/slow", async (HttpContext context) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            await Task.Delay(100, context.RequestAborted);
            Interlocked.Decrement(ref inFlight);
            return Results.Ok();
        }));
        await using var transport = TestSystems.Transport(TestSystems.At(web.BaseAddress) with { Concurrency = 2 });

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => transport.GetAsync("/slow")));

        results.ShouldAllBe(r => r.Status == 200);
        mostInFlight.ShouldBe(2);
    }

    [Fact]
    public async Task A_call_that_finds_no_free_slot_in_time_fails_as_rate_limited()
    {
        using var release = new SemaphoreSlim(0);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var web = await TestWebServer.StartAsync(routes => routes.MapGet("/held", async (HttpContext context) =>
        {
            arrived.TrySetResult();
            await release.WaitAsync(context.RequestAborted);
            return Results.Ok();
        }));
        await using var transport = TestSystems.Transport(TestSystems.At(web.BaseAddress) with
        {
            Concurrency = 1,
            RateLimit = new RateLimitSettings { PerSecond = 1000, MaxWaitSeconds = 0.2 },
        });

        var first = transport.GetAsync("/held");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/held"));
        release.Release();

        failure.Kind.ShouldBe(ConnectorFailureKind.RateLimited);
        failure.Reason.ShouldBe("no free call slot within 0.2 s: 1 calls to demo-crm were already in flight (concurrency: 1)");
        (await first).Status.ShouldBe(200);
    }

    private async Task WaitForCallsAsync(int count)
    {
        for (var i = 0; i < 500 && Calls < count; i++)
        {
            await Task.Delay(10);
        }

        Calls.ShouldBe(count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
