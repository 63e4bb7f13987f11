using System.Globalization;

namespace Switchboard.Benchmarks.Delivery;

/// <summary>One system under test and the load to drive through it; parsed from the command line.</summary>
internal sealed record DeliveryOptions
{
    public const string Usage =
        "usage: Switchboard.Benchmarks.Delivery --system NAME --target http[s]://127.0.0.1:PORT/path --receiver-port PORT\n" +
        "         [--calls N=5000] [--concurrency C=32] [--warmup N=10000] [--warmup-rounds R=8] [--run ID]\n" +
        "         [--timeout SECONDS=120] [--warm-signal PATH] [--header 'Name: value']...\n" +
        "Warms up in rounds of N calls until a round's throughput is within 5% of the one before (at most R).\n" +
        "With --warm-signal it then creates PATH and waits (up to 30 s) until PATH is removed before measuring,\n" +
        "so a script can read the server's CPU time between warm-up and measured calls.\n" +
        "Starts the counting receiver on 127.0.0.1:PORT, posts one call.wrapup_completed event per call to the\n" +
        "target (C in flight, each worker sending its next when the previous was acknowledged), waits until\n" +
        "every call's write reached the receiver, and prints one JSON object on the last line of stdout.\n" +
        "https:// accepts any certificate on a loopback address (the hub's self-signed one), none elsewhere.";

    /// <summary>A label for the report, e.g. <c>node_red</c>, <c>hub_embedded</c>.</summary>
    public required string System { get; init; }

    public required Uri Target { get; init; }

    public required int ReceiverPort { get; init; }

    public int Calls { get; init; } = 5000;

    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// Calls per warm-up round, sent (and awaited at the receiver) before the measured ones: rounds repeat until the
    /// throughput settles, since the systems under test (.NET with tiered compilation, V8) speed up for tens of seconds.
    /// </summary>
    public int Warmup { get; init; } = 10000;

    /// <summary>The most warm-up rounds.</summary>
    public int WarmupRounds { get; init; } = 8;

    /// <summary>A file to create after the warm-up, and to wait for the removal of, before the measured calls.</summary>
    public string? WarmSignal { get; init; }

    /// <summary>Part of every event and call id, so runs against the same database never collide.</summary>
    public string Run { get; init; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The most to wait for the writes to reach the receiver once every event was acknowledged.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Extra request headers, each <c>Name: value</c> (the hub's <c>X-Api-Key</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public static DeliveryOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"expected --name value, got '{name}'");
            }

            var value = args[++i];
            if (name == "--header")
            {
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                headers.Add(colon > 0
                    ? new(value[..colon].Trim(), value[(colon + 1)..].Trim())
                    : throw new FormatException($"--header must be 'Name: value', got '{value}'"));
            }
            else
            {
                values[name[2..]] = value;
            }
        }

        var target = new Uri(Take(values, "target") ?? throw new FormatException("--target is required"));
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException("--target must be http:// or https://");
        }

        var options = new DeliveryOptions
        {
            System = Take(values, "system") ?? throw new FormatException("--system is required"),
            Target = target,
            ReceiverPort = Int(values, "receiver-port", null, 1, 65535),
            Calls = Int(values, "calls", 5000, 1, 1_000_000),
            Concurrency = Int(values, "concurrency", 32, 1, 1024),
            Warmup = Int(values, "warmup", 10000, 0, 100_000),
            WarmupRounds = Int(values, "warmup-rounds", 8, 1, 50),
            WarmSignal = Take(values, "warm-signal"),
            Run = Take(values, "run") ?? Guid.NewGuid().ToString("N")[..8],
            Timeout = TimeSpan.FromSeconds(Int(values, "timeout", 120, 1, 3600)),
            Headers = headers,
        };
        return values.Count == 0 ? options : throw new FormatException($"unknown option --{values.Keys.First()}");
    }

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static int Int(Dictionary<string, string> values, string name, int? fallback, int min, int max)
    {
        var text = Take(values, name);
        if (text is null)
        {
            return fallback ?? throw new FormatException($"--{name} is required");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
    }
}
