using System.Collections.Concurrent;
using Switchboard.Core.Common;

namespace Switchboard.Security.ApiKeys;

/// <summary>Issues, verifies and revokes API keys.</summary>
/// <remarks>
/// Verified rows are cached for <see cref="CacheLifetime"/> so a busy ingest endpoint does not read the
/// database per request. A revocation through this service takes effect at once in this process and
/// within <see cref="CacheLifetime"/> in the others.
/// </remarks>
public sealed class ApiKeyService(ApiKeyStore store, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset FetchedAt)> _cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<FieldError> Validate(string? name, IReadOnlyList<string>? roles, TimeSpan? lifetime)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", name, "is required"));
        }
        else if (name.Length > 100)
        {
            errors.Add(new FieldError("name", name[..20] + "…", "is longer than 100 characters"));
        }

        if (roles is null || roles.Count == 0)
        {
            errors.Add(new FieldError("roles", null, $"must name at least one role of {string.Join(", ", Roles.All)}"));
        }
        else
        {
            errors.AddRange(roles.Where(r => !Roles.IsKnown(r))
                .Select(r => new FieldError("roles", r, $"is not a role; roles are {string.Join(", ", Roles.All)}")));
        }

        if (lifetime is { } l && (l <= TimeSpan.Zero || l > TimeSpan.FromDays(3650)))
        {
            errors.Add(new FieldError("expiresInDays", l.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 3650 days"));
        }

        return errors;
    }

    public async Task<IssuedApiKey> IssueAsync(string name, IReadOnlyList<string> roles, TimeSpan? lifetime, CancellationToken ct)
    {
        var errors = Validate(name, roles, lifetime);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        var (id, secret, key) = ApiKeyFormat.Generate();
        var now = clock.GetUtcNow();
        var record = new ApiKey
        {
            Id = id,
            Name = name,
            Roles = [.. roles.Distinct(StringComparer.Ordinal)],
            SecretHash = ApiKeyFormat.Hash(secret),
            CreatedAt = TruncateToMilliseconds(now),
            ExpiresAt = lifetime is { } l ? TruncateToMilliseconds(now + l) : null,
        };
        await store.InsertAsync(record, ct);
        return new IssuedApiKey(record, key);
    }

    public async ValueTask<ApiKeyVerification> VerifyAsync(string? presented, CancellationToken ct)
    {
        if (!ApiKeyFormat.TryParse(presented, out var id, out var secret))
        {
            return ApiKeyVerification.Fail("The API key is malformed; keys look like sbk_<id>_<secret>.");
        }

        var now = clock.GetUtcNow();
        ApiKey? key;
        if (_cache.TryGetValue(id, out var cached) && now - cached.FetchedAt < CacheLifetime)
        {
            key = cached.Key;
        }
        else
        {
            key = await store.GetAsync(id, ct);
            _cache[id] = (key, now);
        }

        if (key is null || !ApiKeyFormat.Matches(secret, key.SecretHash))
        {
            return ApiKeyVerification.Fail("The API key is not valid.");
        }

        if (key.RevokedAt is not null)
        {
            return ApiKeyVerification.Fail("The API key has been revoked.");
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return ApiKeyVerification.Fail($"The API key expired at {expires:O}.");
        }

        return ApiKeyVerification.Success(key);
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken ct)
    {
        var revoked = await store.RevokeAsync(id, clock.GetUtcNow(), ct);
        _cache.TryRemove(id, out _);
        return revoked;
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) =>
        DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
}
