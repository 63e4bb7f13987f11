// bench/delivery.sh's driver for one system under test (the hub, or Node-RED as the baseline): starts the
// counting receiver on the given port (the system was configured to write there), sends a warm-up of
// calls and waits for their writes, then sends the measured calls (closed loop, C in flight) and waits
// until every call's write reached the receiver or the timeout passed. Prints one JSON object last:
// throughput from the first send to the last arrival, lag from the acknowledgement (and from the send)
// to the arrival, and whether every call arrived exactly once. Exit code 0 when it did, 2 when not.
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

if (options.Warmup > 0)
{
    Say($"warm-up: {options.Warmup} calls");
    var warm = await driver.SendAsync(options.Run + "w", options.Warmup, stop.Token);
    if (warm.Errors > 0)
    {
        Say($"warm-up: {warm.Errors} calls failed, first: {warm.FirstError}");
    }

    try
    {
        await receiver.WaitForAsync(options.Warmup - warm.Errors, options.Timeout, stop.Token);
    }
    catch (TimeoutException ex)
    {
        Say($"warm-up: {ex.Message}");
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
figures.Set("driver_cpu_ms_per_call", Math.Round(driverCpu.TotalMilliseconds / options.Calls, 3));
figures.Set("timed_out", timedOut ? 1 : 0);
figures.Set("receiver_refused", receiver.Refused);
Console.Out.WriteLine(figures.ToJson());
return figures.ExactlyOnce && calls.Errors == 0 ? 0 : 2;
