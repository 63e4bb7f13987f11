// bench/delivery.sh's driver for one system under test (the hub, or Node-RED as the baseline): starts the
// counting receiver on the given port (the system was configured to write there), sends warm-up rounds of
// calls (waiting for their writes) until the throughput settles, then sends the measured calls (closed loop, C in flight) and waits
// until every call's write reached the receiver or the timeout passed. Prints one JSON object last:
// throughput from the first send to the last arrival, lag from the acknowledgement (and from the send)
// to the arrival, and whether every call arrived exactly once. Exit code 0 when it did, 2 when not.
using System.Diagnostics;
using System.Globalization;
using Switchboard.Benchmarks.Delivery;
using Switchboard.Testing;

DeliveryOptions options;
try
{
    options = DeliveryOptions.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(DeliveryOptions.Usage);
    return 1;
}

void Say(string text) => Console.Error.WriteLine($"[{options.System}] {text}");

await using var receiver = await CountingReceiver.StartAsync(options.ReceiverPort);
using var driver = new CallDriver(options);
// Each wait has its own timeout and each request the client's; Ctrl+C stops the run.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var warmup = new WarmupFigures();
if (options.Warmup > 0)
{
    double? previous = null;
    for (var round = 1; round <= options.WarmupRounds && !warmup.Settled; round++)
    {
        var started = Stopwatch.GetTimestamp();
        var already = receiver.Distinct;
        var warm = await driver.SendAsync($"{options.Run}w{round}", options.Warmup, stop.Token);
        if (warm.Errors > 0)
        {
            Say($"warm-up round {round}: {warm.Errors} calls failed, first: {warm.FirstError}");
        }

        try
        {
            await receiver.WaitForAsync(already + options.Warmup - warm.Errors, options.Timeout, stop.Token);
        }
        catch (TimeoutException ex)
        {
            Say($"warm-up round {round}: {ex.Message}");
        }

        var perSecond = (receiver.Distinct - already) / Stopwatch.GetElapsedTime(started).TotalSeconds;
        warmup = new WarmupFigures(round, previous is { } p && Math.Abs(perSecond - p) < 0.05 * p);
        Say(string.Create(CultureInfo.InvariantCulture, $"warm-up round {round}: {options.Warmup} calls, {perSecond:F0} delivered/s"));
        previous = perSecond;
    }

    Say(warmup.Settled ? $"warm-up: throughput settled after {warmup.Rounds} rounds" : $"warm-up: throughput still moving after {warmup.Rounds} rounds");
}

if (options.WarmSignal is { } signal)
{
    // The script reads the server's CPU time now, then removes the file.
    await File.WriteAllTextAsync(signal, "warm\n", stop.Token);
    var waited = Stopwatch.StartNew();
    while (File.Exists(signal) && waited.Elapsed < TimeSpan.FromSeconds(30))
    {
        await Task.Delay(10, stop.Token);
    }
}

var before = receiver.Distinct;
Say($"measured: {options.Calls} calls, {options.Concurrency} in flight, to {options.Target}");
// This process sends the events and receives the writes: its CPU per call is what the load itself costs the machine.
var cpuBefore = Environment.CpuUsage.TotalTime;
var calls = await driver.SendAsync(options.Run, options.Calls, stop.Token);
Say($"all answered ({calls.Errors} failed); waiting for the receiver");
var timedOut = false;
try
{
    await receiver.WaitForAsync(before + options.Calls, options.Timeout, stop.Token);
}
catch (TimeoutException ex)
{
    timedOut = true;
    Say(ex.Message);
}

var driverCpu = Environment.CpuUsage.TotalTime - cpuBefore;

// A write repeated shortly after the last one arrived still counts as a duplicate.
await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
var figures = DeliveryFigures.Of(options, calls, receiver.ArrivalsByCallId);
figures.Set("warmup_rounds", warmup.Rounds);
figures.Set("warmup_calls", warmup.Rounds * options.Warmup);
figures.Set("warmup_settled", warmup.Settled ? 1 : 0);
figures.Set("driver_cpu_ms_per_call", Math.Round(driverCpu.TotalMilliseconds / options.Calls, 3));
figures.Set("timed_out", timedOut ? 1 : 0);
figures.Set("receiver_refused", receiver.Refused);
Console.Out.WriteLine(figures.ToJson());
return figures.ExactlyOnce && calls.Errors == 0 ? 0 : 2;

/// <summary>How the warm-up went: rounds run, and whether the last round's throughput was within 5% of the one before.</summary>
internal sealed record WarmupFigures(int Rounds = 0, bool Settled = false);
