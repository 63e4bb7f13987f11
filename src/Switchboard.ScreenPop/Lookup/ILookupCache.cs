using Switchboard.Connectors;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Where the screen pop keeps systems' recent answers, each tagged with the phones and system ids it mentions: in the
/// process (<see cref="LookupCache"/>, the embedded default) or in Redis shared by every hub process
/// (<see cref="RedisLookupCache"/>, with a <c>redis</c> section).
/// </summary>
public interface ILookupCache
{
    /// <summary>False when answers are never kept (a lifetime of zero).</summary>
    bool Enabled { get; }

    /// <summary>The answer kept under <paramref name="key"/>, or null; a cache that cannot answer says null, never throws.</summary>
    ValueTask<OperationResult?> GetAsync(string key, CancellationToken ct);

    /// <summary>Keeps <paramref name="result"/> for the cache's lifetime; a cache that cannot keep it lets it go, never throws.</summary>
    ValueTask PutAsync(string key, OperationResult result, IReadOnlyCollection<string> tags, CancellationToken ct);

    /// <summary>Drops every answer carrying any of <paramref name="tags"/> (every answer when none is given), in every process sharing the cache; returns how many.</summary>
    ValueTask<int> InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct);

    /// <summary>Raised when customers changed anywhere the cache is shared (after an invalidation here or in another process).</summary>
    event Action? Changed;
}
