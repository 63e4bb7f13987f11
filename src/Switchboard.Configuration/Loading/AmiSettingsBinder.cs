using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// What protocol ami adds to a system file: a tcp://host:port address, basic auth (the AMI user and its
/// secret) and the optional <c>ami</c> section.
/// </summary>
internal static class AmiSettingsBinder
{
    public static readonly string[] Keys = ["reconnect", "agentIdFrom", "originateContext", "resyncOnConnect"];
    private static readonly string[] ReconnectKeys = ["minSeconds", "maxSeconds"];

    private static readonly EnumNames<AmiAgentIdSource> AgentIdSources = new(
        ("memberName", AmiAgentIdSource.MemberName), ("interface", AmiAgentIdSource.Interface));

    /// <summary>The settings for an ami system (defaults when the section is absent); null for other protocols, which may not have the section.</summary>
    public static AmiSettings? Bind(MappingReader root, SystemProtocol? protocol)
    {
        if (protocol != SystemProtocol.Ami)
        {
            if (root.Has("ami") && protocol is not null)
            {
                root.File.Report(root.KeyOrMapping("ami"), "ami", null,
                    $"is only used by protocol ami (this system's protocol is {YamlEnums.Protocols.NameOf(protocol.Value)})");
            }

            return null;
        }

        var defaults = new AmiSettings();
        var map = root.Map("ami", Keys);
        if (map is null)
        {
            return defaults;
        }

        var reconnect = map.Map("reconnect", ReconnectKeys);
        var min = reconnect?.Double("minSeconds", AmiSettings.MinReconnectSeconds, AmiSettings.MaxReconnectSeconds) ?? defaults.ReconnectMinSeconds;
        var max = reconnect?.Double("maxSeconds", AmiSettings.MinReconnectSeconds, AmiSettings.MaxReconnectSeconds) ?? Math.Max(min, defaults.ReconnectMaxSeconds);
        if (reconnect is not null && max < min)
        {
            reconnect.File.Report(reconnect.Value("maxSeconds") ?? reconnect.Node, reconnect.FieldPath("maxSeconds"), max.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"is less than reconnect.minSeconds ({min})"));
        }

        return new AmiSettings
        {
            ReconnectMinSeconds = min,
            ReconnectMaxSeconds = Math.Max(min, max),
            AgentIdFrom = map.Enum("agentIdFrom", AgentIdSources) ?? defaults.AgentIdFrom,
            OriginateContext = map.String("originateContext")?.Trim() is { Length: > 0 } context ? context : defaults.OriginateContext,
            ResyncOnConnect = map.Bool("resyncOnConnect") ?? defaults.ResyncOnConnect,
        };
    }

    /// <summary>tcp://host:port, with nothing after the port.</summary>
    public static Uri? Address(MappingReader root, string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Scheme == "tcp"
            && uri.Host.Length > 0
            && !uri.IsDefaultPort && uri.Port is > 0 and <= 65535
            && uri.UserInfo.Length == 0
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0)
        {
            return uri;
        }

        root.File.Report(root.Value("address"), "address", text,
            "is not a tcp://host:port address of the Asterisk manager interface (for example tcp://127.0.0.1:5038)");
        return null;
    }

    /// <summary>AMI logs in with a user name and a secret: auth must be basic. A missing or misspelt type is reported by the auth binder.</summary>
    public static void CheckAuth(MappingReader root, MappingReader? auth)
    {
        if (auth is null)
        {
            if (!root.Has("auth"))
            {
                root.ReportMissing("auth", "is required for protocol ami: type basic, with the AMI user's username and password (${env:NAME})");
            }

            return;
        }

        if (auth.Value("type") is YamlScalarNode { Value: { } text } node
            && YamlEnums.AuthTypes.TryParse(text, out var type) && type != AuthType.Basic)
        {
            auth.File.Report(node, auth.FieldPath("type"), text,
                "is not basic; protocol ami logs in with the AMI user's username and password");
        }
    }
}
