namespace Switchboard.Configuration;

/// <summary>A business system, declared in one file under <c>systems/</c>.</summary>
public sealed record SystemDefinition
{
    /// <summary>Unique; lowercase letters, digits and '-'.</summary>
    public required string Name { get; init; }

    /// <summary>The file that declares it, relative to the configuration directory (<c>systems/demo-crm.yaml</c>).</summary>
    public required string File { get; init; }

    public SystemKind Kind { get; init; } = SystemKind.Other;

    public required SystemProtocol Protocol { get; init; }

    public RolloutMode Mode { get; init; } = RolloutMode.Off;

    /// <summary>The address as written in the file.</summary>
    public required string Address { get; init; }

    /// <summary>rest, soap, amqp: the address as an absolute URI.</summary>
    public Uri? AddressUri { get; init; }

    /// <summary>sql: the connection string, always a reference.</summary>
    public SecretReference? ConnectionString { get; init; }

    /// <summary>file: the absolute folder.</summary>
    public string? Folder { get; init; }

    /// <summary>Hosts outbound calls may reach; by default the address's host.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Whether calls may reach private, loopback and link-local addresses (refused by default, against SSRF).</summary>
    public bool AllowPrivateNetworks { get; init; }

    public AuthSettings Auth { get; init; } = AuthSettings.None;

    public TlsSettings Tls { get; init; } = TlsSettings.Default;

    /// <summary>soap: the SOAP version and defaults; null for other protocols.</summary>
    public SoapSettings? Soap { get; init; }

    public const int DefaultMaxResponseBytes = 10 * 1024 * 1024;

    /// <summary>Larger responses are refused (1 KiB .. 1 GiB; default 10 MiB).</summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    public TimeoutSettings Timeouts { get; init; } = new();

    public RetrySettings Retry { get; init; } = new();

    public CircuitBreakerSettings CircuitBreaker { get; init; } = new();

    /// <summary>ami: the settings of the <c>ami</c> section (defaults when it is absent); null for other protocols.</summary>
    public AmiSettings? Ami { get; init; }

    /// <summary>Where the system's customers, orders and tickets open in its own screens (the desktop links each item there).</summary>
    public SystemLinks Links { get; init; } = SystemLinks.None;

    /// <summary>Null when calls are not rate limited.</summary>
    public RateLimitSettings? RateLimit { get; init; }

    public const int MinConcurrency = 1;
    public const int MaxConcurrency = 1024;
    public const int DefaultConcurrency = 16;

    /// <summary>1 .. 1024 calls in flight to the system at once.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>Operation name to definition.</summary>
    public IReadOnlyDictionary<string, OperationDefinition> Operations { get; init; } =
        new Dictionary<string, OperationDefinition>(StringComparer.Ordinal).AsReadOnly();

    public bool Implements(string operation) => Operations.ContainsKey(operation);
}
