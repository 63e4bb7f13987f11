namespace Switchboard.Configuration;

/// <summary>Binds a system's <c>auth</c> section: the fields its type needs, and no others.</summary>
internal static class AuthBinder
{
    public static readonly string[] Keys =
    [
        "type", "in", "header", "parameter", "key", "username", "password", "tokenUrl", "clientId", "clientSecret", "scope",
        "resource", "certificate", "certificatePassword", "headers", "secrets",
    ];

    private static readonly Dictionary<AuthType, string[]> FieldsByType = new()
    {
        [AuthType.None] = [],
        [AuthType.ApiKey] = ["in", "header", "parameter", "key"],
        [AuthType.Basic] = ["username", "password"],
        [AuthType.OAuth2] = ["tokenUrl", "clientId", "clientSecret", "scope", "resource"],
        [AuthType.Mtls] = ["certificate", "certificatePassword"],
        [AuthType.Custom] = ["headers", "secrets"],
    };

    /// <summary>The header an apiKey goes in when <c>header</c> is not written (the common convention).</summary>
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
            AuthType.ApiKey => ApiKey(map),
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
                Resource = map.String("resource"),
            },
            AuthType.Mtls => new AuthSettings
            {
                Type = AuthType.Mtls,
                Certificate = map.ExistingFile("certificate", required: true),
                CertificatePassword = map.Secret("certificatePassword", directory),
            },
            AuthType.Custom => CustomAuthBinder.Bind(map),
            _ => AuthSettings.None,
        };
    }

    private static AuthSettings ApiKey(MappingReader map)
    {
        var location = map.Enum("in", YamlEnums.ApiKeyLocations) ?? ApiKeyLocation.Header;
        var (used, unused, other) = location == ApiKeyLocation.Header ? ("header", "parameter", "query") : ("parameter", "header", "header");
        if (map.Has(unused))
        {
            map.File.Report(map.KeyOrMapping(unused), map.FieldPath(unused), null,
                $"is only used with in: {other} (this key is sent in: {YamlEnums.ApiKeyLocations.NameOf(location)})");
        }

        var name = map.String(used)?.Trim();
        if (name is null && location == ApiKeyLocation.Query && !map.Has(used))
        {
            map.ReportMissing(used, "is required for in: query (the query parameter that carries the key, like api_key)");
        }
        else if (name is not null && location == ApiKeyLocation.Header && !TemplateEntries.IsHeaderName(name))
        {
            map.File.Report(map.Value(used), map.FieldPath(used), name, "is not a valid HTTP header name");
        }
        else if (name is { Length: 0 })
        {
            map.File.Report(map.Value(used), map.FieldPath(used), name, "is empty; name the query parameter that carries the key");
        }

        return new AuthSettings
        {
            Type = AuthType.ApiKey,
            In = location,
            Header = location == ApiKeyLocation.Header ? name ?? DefaultApiKeyHeader : null,
            Parameter = location == ApiKeyLocation.Query ? name : null,
            Key = map.Secret("key", map.File.ConfigurationDirectory, required: true),
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
