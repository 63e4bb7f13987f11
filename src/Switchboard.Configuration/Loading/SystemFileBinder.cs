using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds one file under systems/.</summary>
internal static class SystemFileBinder
{
    private static readonly string[] RootKeys =
    [
        "name", "kind", "protocol", "mode", "address", "allowedHosts", "allowPrivateNetworks", "auth", "tls", "soap",
        "maxResponseBytes", "timeouts", "retry", "circuitBreaker", "rateLimit", "concurrency", "operations", "ami", "links",
    ];

    private const int MinMaxResponseBytes = 1024;
    private const int MaxMaxResponseBytes = 1024 * 1024 * 1024;

    private static readonly string[] TlsKeys = ["caCertificate", "insecureSkipVerify"];
    private static readonly string[] SoapKeys = ["version"];

    /// <summary>The system, or null when it has no usable name (reported).</summary>
    public static BoundSystem? Bind(FileContext file, YamlMappingNode node)
    {
        var root = new MappingReader(file, node, string.Empty, RootKeys);
        var (name, nameNode) = NameRules.Read(root);
        var protocol = root.Enum("protocol", YamlEnums.Protocols, required: true);
        var address = BindAddress(root, protocol);
        var auth = root.Map("auth", AuthBinder.Keys);
        if (protocol == SystemProtocol.Ami)
        {
            AmiSettingsBinder.CheckAuth(root, auth);
        }

        var system = new SystemDefinition
        {
            Name = name ?? string.Empty,
            File = file.File,
            Kind = root.Enum("kind", YamlEnums.Kinds) ?? SystemKind.Other,
            Protocol = protocol ?? SystemProtocol.Rest,
            Mode = root.Enum("mode", YamlEnums.Modes) ?? RolloutMode.Off,
            Address = address.Text ?? string.Empty,
            AddressUri = address.Uri,
            ConnectionString = address.ConnectionString,
            Folder = address.Folder,
            AllowedHosts = BindAllowedHosts(root, address.Uri),
            AllowPrivateNetworks = root.Bool("allowPrivateNetworks") ?? false,
            Auth = AuthBinder.Bind(auth),
            Tls = BindTls(root, protocol),
            Soap = BindSoap(root, protocol),
            MaxResponseBytes = root.Int("maxResponseBytes", MinMaxResponseBytes, MaxMaxResponseBytes) ?? SystemDefinition.DefaultMaxResponseBytes,
            Timeouts = ResilienceBinder.Timeouts(root),
            Retry = ResilienceBinder.Retry(root),
            CircuitBreaker = ResilienceBinder.CircuitBreaker(root),
            RateLimit = ResilienceBinder.RateLimit(root),
            Concurrency = root.Int("concurrency", SystemDefinition.MinConcurrency, SystemDefinition.MaxConcurrency) ?? SystemDefinition.DefaultConcurrency,
            Operations = OperationBinder.Bind(root, protocol),
            Ami = AmiSettingsBinder.Bind(root, protocol),
            Links = LinksBinder.Bind(root),
        };

        return name is null ? null : new BoundSystem(system, nameNode);
    }

    private static (string? Text, Uri? Uri, SecretReference? ConnectionString, string? Folder) BindAddress(MappingReader root, SystemProtocol? protocol)
    {
        if (protocol == SystemProtocol.Sql)
        {
            // A connection string carries a password: it is read like a secret and never echoed.
            var reference = root.Secret("address", root.File.ConfigurationDirectory, required: true);
            return (reference?.ToString(), null, reference, null);
        }

        var text = root.String("address", required: true)?.Trim();
        if (text is null || protocol is null)
        {
            return (text, null, null, null);
        }

        if (protocol == SystemProtocol.File)
        {
            return (text, null, null, Path.GetFullPath(text, root.File.ConfigurationDirectory));
        }

        if (protocol == SystemProtocol.Ami)
        {
            return (text, AmiSettingsBinder.Address(root, text), null, null);
        }

        string[] schemes = protocol == SystemProtocol.Amqp ? ["amqp", "amqps"] : ["http", "https"];
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            var example = protocol == SystemProtocol.Amqp ? "amqp://broker:5672/" : "https://crm.example.com/";
            root.File.Report(root.Value("address"), "address", text,
                $"is not an absolute {string.Join(" or ", schemes)} URI (for example {example})");
            return (text, null, null, null);
        }

        return (text, uri, null, null);
    }

    private static IReadOnlyList<string> BindAllowedHosts(MappingReader root, Uri? address)
    {
        var items = root.List("allowedHosts");
        if (items is null)
        {
            return address is null ? [] : [address.IdnHost];
        }

        var hosts = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var (node, text) = items[i];
            var host = text.Trim();
            var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (Uri.CheckHostName(bare) == UriHostNameType.Unknown)
            {
                root.File.Report(node, $"allowedHosts[{i}]", text, "is not a host name or IP address (no scheme, port or path; '*.example.com' allows subdomains)");
                continue;
            }

            hosts.Add(host);
        }

        if (address is not null && hosts.Count == items.Count && !hosts.Any(host => HostMatches(host, address.IdnHost)))
        {
            root.File.Report(root.Value("allowedHosts"), "allowedHosts", null,
                $"does not include the address's host '{address.IdnHost}', so every call to the system would be refused");
        }

        return hosts.AsReadOnly();
    }

    private static bool HostMatches(string allowed, string host) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase)
              || string.Equals(allowed.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);

    private static TlsSettings BindTls(MappingReader root, SystemProtocol? protocol)
    {
        if (!ProtocolRules.Allows(root, "tls", protocol, ProtocolRules.Tls) || root.Map("tls", TlsKeys) is not { } map)
        {
            return TlsSettings.Default;
        }

        return new TlsSettings
        {
            CaCertificate = map.ExistingFile("caCertificate"),
            InsecureSkipVerify = map.Bool("insecureSkipVerify") ?? false,
        };
    }

    /// <summary>The SOAP settings of a soap system (defaults when the section is absent); null for other protocols.</summary>
    private static SoapSettings? BindSoap(MappingReader root, SystemProtocol? protocol)
    {
        if (!ProtocolRules.Allows(root, "soap", protocol, SystemProtocol.Soap))
        {
            return null;
        }

        return root.Map("soap", SoapKeys)?.Enum("version", YamlEnums.SoapVersions) is { } version
            ? new SoapSettings { Version = version }
            : SoapSettings.Default;
    }
}
