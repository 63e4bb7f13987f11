using Microsoft.AspNetCore.Http;

namespace Switchboard.Demo.Crm.Http;

/// <summary>
/// What each <c>Idempotency-Key</c> created, with a fingerprint of the body it came with, so a retried create gets
/// what the first one made and the same key with another body is refused. Not thread-safe: used under its store's lock.
/// </summary>
internal sealed class IdempotentCreates<T>
{
    public const string Header = "Idempotency-Key";

    private readonly Dictionary<string, (string Fingerprint, T Created)> _byKey = new(StringComparer.Ordinal);

    /// <summary>The request's key; null when it sent none.</summary>
    public static string? KeyOf(HttpRequest request) => request.Headers[Header].ToString() is { Length: > 0 } key ? key : null;

    /// <summary>The answer to a create whose key came earlier with another body.</summary>
    public static IResult KeyReused(string key) =>
        CrmErrors.Conflict("IDEMPOTENCY_KEY_REUSED", $"{Header} '{key}' was already used for a different request");

    /// <summary>
    /// Whether <paramref name="key"/> came before: <paramref name="created"/> is what it created when the body was the
    /// same; <paramref name="keyReused"/> says it came with another body.
    /// </summary>
    public bool Seen(string? key, string fingerprint, out T? created, out bool keyReused)
    {
        created = default;
        keyReused = false;
        if (key is null || !_byKey.TryGetValue(key, out var earlier))
        {
            return false;
        }

        keyReused = earlier.Fingerprint != fingerprint;
        created = keyReused ? default : earlier.Created;
        return true;
    }

    public void Remember(string? key, string fingerprint, T created)
    {
        if (key is not null)
        {
            _byKey[key] = (fingerprint, created);
        }
    }
}
