using Microsoft.Extensions.Time.Testing;
using Switchboard.ScreenPop.Lookup;

namespace Switchboard.ScreenPop.Tests.Lookup;

public sealed class TimedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task A_lookup_that_completes_at_once_is_answered_at_once_without_a_thread_hop()
    {
        // The hub's SQLite queries and cached answers complete synchronously: the pop reads them in the same turn.
        var timed = Timed.RunAsync(_ => Task.FromResult(42), Timeout, new FakeTimeProvider(), CancellationToken.None);

        timed.IsCompletedSuccessfully.ShouldBeTrue();
        var result = await timed;
        result.Value.ShouldBe(42);
        result.TimedOut.ShouldBeFalse();
        result.Error.ShouldBeNull();
    }

    [Fact]
    public async Task A_lookup_that_finishes_before_its_timeout_is_answered_when_it_finishes()
    {
        var clock = new FakeTimeProvider();
        var answer = new TaskCompletionSource<string>();
        CancellationToken given = default;
        var timed = Timed.RunAsync(token => { given = token; return answer.Task; }, Timeout, clock, CancellationToken.None);

        timed.IsCompleted.ShouldBeFalse();
        answer.SetResult("found");

        timed.IsCompletedSuccessfully.ShouldBeTrue();
        var result = await timed;
        result.Value.ShouldBe("found");
        result.TimedOut.ShouldBeFalse();
        // Nothing is cancelled after a lookup that finished first, and its timer is gone.
        given.IsCancellationRequested.ShouldBeFalse();
        clock.Advance(Timeout * 2);
        given.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task A_lookup_past_its_timeout_is_cancelled_and_left_behind()
    {
        var clock = new FakeTimeProvider();
        CancellationToken given = default;
        var timed = Timed.RunAsync(token => { given = token; return new TaskCompletionSource<int>().Task; }, Timeout, clock, CancellationToken.None);

        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        timed.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var result = await timed;
        result.TimedOut.ShouldBeTrue();
        result.ElapsedMs.ShouldBe(Timeout.TotalMilliseconds);
        given.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task A_lookup_that_fails_reports_its_error()
    {
        var failing = new TaskCompletionSource<int>();
        var timed = Timed.RunAsync(_ => failing.Task, Timeout, new FakeTimeProvider(), CancellationToken.None);
        failing.SetException(new InvalidOperationException("database is locked"));

        var result = await timed;
        result.TimedOut.ShouldBeFalse();
        result.Error.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("database is locked");

        var thrown = await Timed.RunAsync<int>(_ => throw new FormatException("bad"), Timeout, new FakeTimeProvider(), CancellationToken.None);
        thrown.Error.ShouldBeOfType<FormatException>();
    }

    [Fact]
    public async Task The_pop_ending_cancels_the_lookup_and_ends_the_wait()
    {
        using var pop = new CancellationTokenSource();
        CancellationToken given = default;
        var timed = Timed.RunAsync(token => { given = token; return new TaskCompletionSource<int>().Task; }, Timeout, new FakeTimeProvider(), pop.Token);

        await pop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => timed);
        given.IsCancellationRequested.ShouldBeTrue();
    }
}
