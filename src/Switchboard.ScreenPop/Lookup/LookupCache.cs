using System.Collections.Concurrent;
using System.Text;
using Switchboard.Connectors;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Recent answers of systems, by system, operation and arguments, for <see cref="ScreenPopOptions.CacheSeconds"/>.
/// Each entry is tagged with the phones and the system ids it concerns, so a change to a customer
/// drops exactly the answers that mention them.
/// </summary>
internal sealed class LookupCache(TimeProvider time, TimeSpan lifetime, int capacity = 60_000) : ILookupCache
{
    /// <summary>Never raised from elsewhere: this cache is this process's alone, and the engine counts its own changes.</summary>
    event Action? ILookupCache.Changed
    {
        add { }
        remove { }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool Enabled => lifetime > TimeSpan.Zero;

    public int Count => _entries.Count;

    public static string Key(string system, string operation, OperationArguments arguments)
    {
        var key = new StringBuilder(system).Append('\n').Append(operation);
        foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            key.Append('\n').Append(name).Append('=').Append(value?.ToJsonString() ?? "null");
        }

        return key.ToString();
    }

    public static string PhoneTag(string e164) => "phone:" + e164;

    public static string IdTag(string system, string externalId) => "id:" + system + ":" + externalId;

    public static string SystemTag(string system) => "system:" + system;

    public bool TryGet(string key, out OperationResult result)
    {
        if (Enabled && _entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAt > time.GetUtcNow())
            {
                result = entry.Result;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        result = OperationResult.NoMatch;
        return false;
    }

    public void Put(string key, OperationResult result, IEnumerable<string> tags)
    {
        if (!Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_entries.Count >= capacity)
        {
            Evict(now);
        }

        _entries[key] = new Entry(result, now + lifetime, new HashSet<string>(tags, StringComparer.Ordinal));
    }

    /// <summary>Drops every entry carrying any of <paramref name="tags"/>; every entry when none is given.</summary>
    public int Invalidate(IReadOnlyCollection<string> tags)
    {
        var dropped = 0;
        foreach (var (key, entry) in _entries)
        {
            if ((tags.Count == 0 || entry.Tags.Overlaps(tags)) && _entries.TryRemove(KeyValuePair.Create(key, entry)))
            {
                dropped++;
            }
        }

        return dropped;
    }

    ValueTask<OperationResult?> ILookupCache.GetAsync(string key, CancellationToken ct) =>
        ValueTask.FromResult(TryGet(key, out var result) ? result : null);

    ValueTask ILookupCache.PutAsync(string key, OperationResult result, IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        Put(key, result, tags);
        return ValueTask.CompletedTask;
    }

    ValueTask<int> ILookupCache.InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct) => ValueTask.FromResult(Invalidate(tags));

    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        // Still full of live entries: drop the oldest tenth rather than grow without bound.
        if (_entries.Count >= capacity)
        {
            // ToArray is the dictionary's own snapshot: sorting the live dictionary while other pops add
            // and remove entries breaks (LINQ copies it by a count that no longer holds).
            foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.ExpiresAt).Take(Math.Max(1, capacity / 10)).ToList())
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed record Entry(OperationResult Result, DateTimeOffset ExpiresAt, HashSet<string> Tags);
}
