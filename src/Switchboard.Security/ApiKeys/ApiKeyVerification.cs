namespace Switchboard.Security.ApiKeys;

/// <summary>The outcome of checking a presented API key. <see cref="Failure"/> is safe to show the caller.</summary>
public sealed record ApiKeyVerification(ApiKey? Key, string? Failure)
{
    public bool Succeeded => Key is not null;

    public static ApiKeyVerification Success(ApiKey key) => new(key, null);

    public static ApiKeyVerification Fail(string reason) => new(null, reason);
}
