namespace Switchboard.Configuration;

/// <summary>Which sections and fields belong to which protocols.</summary>
internal static class ProtocolRules
{
    public static readonly SystemProtocol[] Http = [SystemProtocol.Rest, SystemProtocol.Soap];

    public static readonly SystemProtocol[] Tls = [SystemProtocol.Rest, SystemProtocol.Soap, SystemProtocol.Amqp];

    public static bool IsHttp(SystemProtocol? protocol) => protocol is SystemProtocol.Rest or SystemProtocol.Soap;

    /// <summary>
    /// True when <paramref name="key"/> may be used with <paramref name="protocol"/>. Otherwise a written key
    /// is reported (<c>is only used by protocol soap (this system's protocol is rest)</c>); an unknown
    /// protocol was reported already and is not reported again.
    /// </summary>
    public static bool Allows(MappingReader map, string key, SystemProtocol? protocol, params SystemProtocol[] allowed)
    {
        if (protocol is { } known && allowed.Contains(known))
        {
            return true;
        }

        if (protocol is not null && map.Has(key))
        {
            var names = allowed.Select(YamlEnums.Protocols.NameOf).ToList();
            var list = names.Count == 1 ? $"protocol {names[0]}" : $"protocols {string.Join(", ", names[..^1])} and {names[^1]}";
            map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null,
                $"is only used by {list} (this system's protocol is {YamlEnums.Protocols.NameOf(protocol.Value)})");
        }

        return false;
    }
}
