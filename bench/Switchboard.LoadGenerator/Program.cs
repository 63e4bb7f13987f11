using Switchboard.LoadGenerator;

// Socket completions run on the epoll thread instead of hopping to the thread pool: the
// generator's work per response is tiny, and the hop would cost CPU the server needs. Read once
// when the socket engine starts, so it must be set before the first socket.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (FormatException error)
{
    await Console.Error.WriteLineAsync($"{error.Message}\n{LoadOptions.Usage}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var body = options.BodyFile is null ? [] : await File.ReadAllBytesAsync(options.BodyFile, stop.Token);
RequestTemplate request;
try
{
    request = RequestTemplate.Build(options, body);
}
catch (FormatException error)
{
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}

await Console.Error.WriteLineAsync(
    $"load: {options.Method} {options.Url} at {options.Rate:F0}/s for {options.Duration.TotalSeconds:F0} s " +
    $"over {options.Connections} connections, body {body.Length} bytes" +
    (request.IsUnique ? $", unique {string.Join(", ", options.UniqueFields)} per request" : ""));

LoadReport report;
try
{
    if (options.Warmup > TimeSpan.Zero)
    {
        await OpenLoopRun.RunAsync(options with { Duration = options.Warmup, Drain = options.Warmup }, request, stop.Token);
    }

    report = await OpenLoopRun.RunAsync(options, request, stop.Token);
}
catch (Exception error) when (error is System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or IOException)
{
    await Console.Error.WriteLineAsync($"cannot connect to {options.Url}: {error.Message}");
    return 1;
}

Console.WriteLine(report.ToJson());
return report.Ok > 0 ? 0 : 1;
