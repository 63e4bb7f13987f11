using System.Globalization;

namespace Switchboard.LoadGenerator;

/// <summary>What to send, how fast and for how long; parsed from the command line.</summary>
internal sealed record LoadOptions
{
    public const string Usage =
        "usage: Switchboard.LoadGenerator --url http://127.0.0.1:PORT/path --rate REQUESTS_PER_SECOND\n" +
        "         [--duration SECONDS=10] [--connections N=64] [--body FILE] [--method POST|GET]\n" +
        "         [--content-type application/json] [--timeout SECONDS=10] [--drain SECONDS=DURATION]\n" +
        "         [--warmup SECONDS=2]\n" +
        "Sends at a fixed rate over N keep-alive HTTP/1.1 connections, measures each latency from the\n" +
        "request's intended send time, and prints one JSON object on the last line of stdout.";

    public required Uri Url { get; init; }
    public required double Rate { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public int Connections { get; init; } = 64;
    public string? BodyFile { get; init; }
    public string Method { get; init; } = "GET";
    public string ContentType { get; init; } = "application/json";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A run at the same rate before the measured one, whose latencies are discarded: it JIT-compiles
    /// the generator's own paths and opens its connections, so a cold generator does not show up as server tail.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long past the duration a backlog may still be sent; slots left then are dropped.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"expected --name value, got '{name}'");
            }

            values[name[2..]] = args[++i];
        }

        var url = new Uri(Take(values, "url") ?? throw new FormatException("--url is required"));
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new FormatException("--url must be http:// (the generator speaks plain HTTP/1.1)");
        }

        var body = Take(values, "body");
        var duration = Seconds(values, "duration", 10);
        var options = new LoadOptions
        {
            Url = url,
            Rate = Number(values, "rate", double.NaN),
            Duration = duration,
            Connections = (int)Number(values, "connections", 64),
            BodyFile = body,
            Method = (Take(values, "method") ?? (body is null ? "GET" : "POST")).ToUpperInvariant(),
            ContentType = Take(values, "content-type") ?? "application/json",
            Timeout = Seconds(values, "timeout", 10),
            Drain = Seconds(values, "drain", duration.TotalSeconds),
            Warmup = Seconds(values, "warmup", 2),
        };

        if (values.Count > 0)
        {
            throw new FormatException($"unknown option --{values.Keys.First()}");
        }

        if (!(options.Rate > 0) || options.Connections < 1 || options.Duration <= TimeSpan.Zero || options.Warmup < TimeSpan.Zero)
        {
            throw new FormatException("--rate, --connections and --duration must be positive");
        }

        return options;
    }

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static double Number(Dictionary<string, string> values, string name, double fallback)
    {
        var text = Take(values, name);
        if (text is null)
        {
            return double.IsNaN(fallback) ? throw new FormatException($"--{name} is required") : fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--{name} must be a number, got '{text}'");
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string name, double fallback) =>
        TimeSpan.FromSeconds(Number(values, name, fallback));
}
