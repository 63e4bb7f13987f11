namespace Switchboard.Configuration;

/// <summary>Binds a system's <c>auth</c> section: the fields its type needs, and no others.</summary>
internal static class AuthBinder
{
    public static readonly string[] Keys =
    [
        "type", "header", "key", "username", "password", "tokenUrl", "clientId", "clientSecret", "scope",
        "certificate", "certificatePassword",
    ];

    private static readonly Dictionary<AuthType, string[]> FieldsByType = new()
    {
        [AuthType.None] = [],
        [AuthType.ApiKey] = ["header", "key"],
        [AuthType.Basic] = ["username", "password"],
        [AuthType.OAuth2] = ["tokenUrl", "clientId", "clientSecret", "scope"],
        [AuthType.Mtls] = ["certificate", "certificatePassword"],
    };

    public const string DefaultApiKeyHeader = "X-Api-Key";

    public static AuthSettings Bind(MappingReader? map)
    {
        if (map is null)
        {
            return AuthSettings.None;
        }

        var type = map.Enum("type", YamlEnums.AuthTypes, required: true);
        if (type is null)
        {
            return AuthSettings.None;
        }

        var used = FieldsByType[type.Value];
        foreach (var key in Keys.Skip(1).Where(key => map.Has(key) && !used.Contains(key)))
        {
            map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null,
                $"is not used by auth type {YamlEnums.AuthTypes.NameOf(type.Value)} (it uses {(used.Length == 0 ? "no other fields" : string.Join(", ", used))})");
        }

        var directory = map.File.ConfigurationDirectory;
        return type.Value switch
        {
            AuthType.ApiKey => new AuthSettings
            {
                Type = AuthType.ApiKey,
                Header = map.String("header") ?? DefaultApiKeyHeader,
                Key = map.Secret("key", directory, required: true),
            },
            AuthType.Basic => new AuthSettings
            {
                Type = AuthType.Basic,
                Username = map.String("username", required: true),
                Password = map.Secret("password", directory, required: true),
            },
            AuthType.OAuth2 => new AuthSettings
            {
                Type = AuthType.OAuth2,
                TokenUrl = TokenUrl(map),
                ClientId = map.String("clientId", required: true),
                ClientSecret = map.Secret("clientSecret", directory, required: true),
                Scope = map.String("scope"),
            },
            AuthType.Mtls => new AuthSettings
            {
                Type = AuthType.Mtls,
                Certificate = map.String("certificate", required: true) is { } path ? Path.GetFullPath(path, directory) : null,
                CertificatePassword = map.Secret("certificatePassword", directory),
            },
            _ => AuthSettings.None,
        };
    }

    private static Uri? TokenUrl(MappingReader map)
    {
        var text = map.String("tokenUrl", required: true);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        map.File.Report(map.Value("tokenUrl"), map.FieldPath("tokenUrl"), text, "is not an absolute http or https URI");
        return null;
    }
}
