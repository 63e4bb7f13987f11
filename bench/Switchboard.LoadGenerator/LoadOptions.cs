using System.Globalization;

namespace Switchboard.LoadGenerator;

/// <summary>What to send, how fast and for how long; parsed from the command line.</summary>
internal sealed record LoadOptions
{
    public const string Usage =
        "usage: Switchboard.LoadGenerator --url http[s]://127.0.0.1:PORT/path --rate REQUESTS_PER_SECOND\n" +
        "         [--duration SECONDS=10] [--connections N=64] [--body FILE] [--method POST|GET]\n" +
        "         [--content-type application/json] [--timeout SECONDS=10] [--drain SECONDS=DURATION]\n" +
        "         [--warmup SECONDS=2] [--header 'Name: value']... [--unique-field JSON_FIELD]...\n" +
        "Sends at a fixed rate over N keep-alive HTTP/1.1 connections, measures each latency from the\n" +
        "request's intended send time, and prints one JSON object on the last line of stdout.\n" +
        "https:// speaks TLS 1.2/1.3 (ALPN http/1.1) and accepts a self-signed certificate on loopback only.\n" +
        "--unique-field NAME appends '-RUN-COUNTER' to the body's string field NAME in every request\n" +
        "(one counter for all fields of a request, unique across the run), e.g. for event ids.";

    public required Uri Url { get; init; }
    public required double Rate { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public int Connections { get; init; } = 64;
    public string? BodyFile { get; init; }
    public string Method { get; init; } = "GET";
    public string ContentType { get; init; } = "application/json";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Extra request header lines, each <c>Name: value</c>.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>JSON string fields of the body made unique in every request (see <see cref="RequestTemplate"/>).</summary>
    public IReadOnlyList<string> UniqueFields { get; init; } = [];

    /// <summary>A run at the same rate before the measured one, whose latencies are discarded: it JIT-compiles
    /// the generator's own paths and opens its connections, so a cold generator does not show up as server tail.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long past the duration a backlog may still be sent; slots left then are dropped.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = new List<string>();
        var uniqueFields = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"expected --name value, got '{name}'");
            }

            var value = args[++i];
            switch (name)
            {
                case "--header":
                    headers.Add(Header(value));
                    break;
                case "--unique-field":
                    uniqueFields.Add(value.Length > 0 && !value.Contains('"', StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal)
                        ? value
                        : throw new FormatException($"--unique-field must be a plain JSON field name, got '{value}'"));
                    break;
                default:
                    values[name[2..]] = value;
                    break;
            }
        }

        var url = new Uri(Take(values, "url") ?? throw new FormatException("--url is required"));
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException("--url must be http:// or https:// (the generator speaks HTTP/1.1)");
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
            Headers = headers,
            UniqueFields = uniqueFields,
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

    private static string Header(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(" \t") || line.AsSpan().ContainsAny("\r\n"))
        {
            throw new FormatException($"--header must be 'Name: value' on one line, got '{line}'");
        }

        return $"{line[..colon]}: {line[(colon + 1)..].Trim()}";
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
