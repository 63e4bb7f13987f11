using System.Diagnostics;
using Switchboard.Configuration;
using Switchboard.Connectors.Tests.Support;
using Switchboard.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Http;

public sealed class RetryTests : IDisposable
{
    private readonly WireMockServer _server = TestSystems.StartWireMock();

    public void Dispose() => _server.Stop();

    private SystemDefinition Crm => TestSystems.At(_server);

    private int Calls => _server.LogEntries.Count();

    [Fact]
    public async Task A_transient_status_is_retried_until_the_system_answers()
    {
        FailThenSucceed(failures: 2, failure: Response.Create().WithStatusCode(503));
        await using var transport = TestSystems.Transport(Crm);
        var trace = new OperationTrace();

        var result = await transport.GetAsync("/contacts/1", trace: trace);

        result.Status.ShouldBe(200);
        result.Body.ShouldBe("""{"id":1}""");
        result.Attempts.ShouldBe(3);
        Calls.ShouldBe(3);
        trace.Exchanges.Select(e => (e.Attempt, e.Status)).ShouldBe([(1, 503), (2, 503), (3, 200)]);
    }

    [Fact]
    public async Task Retry_after_is_honoured_before_the_next_attempt()
    {
        FailThenSucceed(failures: 1, failure: Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        await using var transport = TestSystems.Transport(Crm with { Retry = new RetrySettings { MaxAttempts = 2, BaseDelayMs = 1, MaxDelayMs = 5_000 } });
        var stopwatch = Stopwatch.StartNew();

        var result = await transport.GetAsync("/contacts/1");

        result.Status.ShouldBe(200);
        // Without Retry-After the backoff here is at most 1 ms.
        stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Retry_after_is_capped_by_the_maximum_delay()
    {
        FailThenSucceed(failures: 1, failure: Response.Create().WithStatusCode(503).WithHeader("Retry-After", "3600"));
        await using var transport = TestSystems.Transport(Crm with { Retry = new RetrySettings { MaxAttempts = 2, BaseDelayMs = 1, MaxDelayMs = 20 } });

        var result = await transport.GetAsync("/contacts/1").WaitAsync(TimeSpan.FromSeconds(20));

        result.Status.ShouldBe(200);
        result.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_answer_is_returned()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(502).WithBody("gateway down"));
        await using var transport = TestSystems.Transport(Crm);

        var result = await transport.GetAsync("/contacts/1");

        result.Status.ShouldBe(502);
        result.Body.ShouldBe("gateway down");
        result.Attempts.ShouldBe(3);
        Calls.ShouldBe(3);
    }

    [Fact]
    public async Task A_call_that_is_not_retryable_is_sent_once()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        await using var transport = TestSystems.Transport(Crm);

        var result = await transport.GetAsync("/contacts/1", retryable: false);

        result.Status.ShouldBe(503);
        result.Attempts.ShouldBe(1);
        Calls.ShouldBe(1);
    }

    [Fact]
    public async Task A_status_outside_retry_on_is_returned_at_once()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"error":"not found"}"""));
        await using var transport = TestSystems.Transport(Crm);

        var result = await transport.GetAsync("/contacts/404");

        result.Status.ShouldBe(404);
        Calls.ShouldBe(1);
    }

    [Fact]
    public async Task An_attempt_without_an_answer_in_time_times_out_and_is_retried()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(1)));
        await using var transport = TestSystems.Transport(Crm with
        {
            Timeouts = new TimeoutSettings { RequestSeconds = 0.3 },
            Retry = new RetrySettings { MaxAttempts = 2, BaseDelayMs = 1, MaxDelayMs = 10 },
        });
        var trace = new OperationTrace();

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/slow", trace: trace));

        failure.Kind.ShouldBe(ConnectorFailureKind.Timeout);
        failure.Message.ShouldBe("demo-crm customer.get: no answer within 0.3 s (attempt 2 of 2)");
        failure.Attempts.ShouldBe(2);
        trace.Exchanges.Select(e => e.Error).ShouldBe(["no answer within 0.3 s", "no answer within 0.3 s"]);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_named()
    {
        var port = TestHub.UnusedPort();
        await using var transport = TestSystems.Transport(TestSystems.At($"http://127.0.0.1:{port}/"));

        var failure = await Should.ThrowAsync<ConnectorException>(() => transport.GetAsync("/contacts/1"));

        failure.Kind.ShouldBe(ConnectorFailureKind.Transport);
        failure.Reason.ShouldBe($"connection refused by 127.0.0.1:{port} (attempt 3 of 3)");
        failure.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Cancelling_the_call_stops_it_without_wrapping()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(1)));
        await using var transport = TestSystems.Transport(Crm);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(
            () => transport.SendAsync("customer.get", TestSystems.Get(transport.System, "/slow"), true, null, cancel.Token));

        Calls.ShouldBeLessThanOrEqualTo(1);
    }

    private void FailThenSucceed(int failures, IResponseBuilder failure)
    {
        _server.Given(Request.Create().UsingGet()).InScenario("flaky").WillSetStateTo("recovered", failures).RespondWith(failure);
        _server.Given(Request.Create().UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id":1}"""));
    }
}
