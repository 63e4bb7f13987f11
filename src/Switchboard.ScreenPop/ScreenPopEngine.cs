using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Templates;
using Switchboard.ScreenPop.Links;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Remembered;
using Switchboard.Storage.Stores;

namespace Switchboard.ScreenPop;

/// <summary>
/// Tells the agent who is calling before they answer. For each call it normalizes the number, tries
/// the IVR's keys, the pick remembered for the number, the hub's cross-reference index and every
/// system's <c>customer.findByPhone</c> at once, merges what they find into candidates, and for the one
/// customer loads orders, open tickets and the last calls, each system under its own timeout and the
/// whole pop under a budget. Every answer yields a new snapshot, so the desktop fills in as systems answer.
/// </summary>
public sealed class ScreenPopEngine
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Func<HubConfiguration?> _configuration;
    private readonly PhoneNormalizer _phones;
    private readonly ScreenPopOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ScreenPopEngine> _logger;
    private readonly ILookupCache _cache;
    private readonly PopContext _context;
    private readonly ConcurrentDictionary<string, PopSession> _sessions = new(StringComparer.Ordinal);
    private long _lastSweep;
    private long _sinceSweep;

    // Counts customer changes (invalidations, customers created from a pop, changes announced by other hubs): a pop's
    // last snapshot is reused, and a system's answer kept in the cache, only while no change happened since they began.
    private readonly CustomerChanges _changes = new();

    public ScreenPopEngine(
        IOperationInvoker invoker,
        Func<HubConfiguration?> configuration,
        PhoneNormalizer phones,
        CustomerStore customers,
        InteractionStore interactions,
        RememberedPicks picks,
        ScreenPopOptions options,
        TimeProvider time,
        ILogger<ScreenPopEngine> logger,
        TemplateEngine? templates = null,
        ILookupCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(picks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _configuration = configuration;
        _phones = phones;
        _options = options;
        _time = time;
        _logger = logger;
        _cache = cache ?? new LookupCache(time, TimeSpan.FromSeconds(options.CacheSeconds));
        // Customers changed through another hub process sharing the cache: no pop begun before is reused here either.
        _cache.Changed += () => _changes.Bump();
        _context = new PopContext(new SystemCalls(invoker, _cache, _changes, phones, time, logger), customers, interactions, picks,
            new ItemLinks(templates ?? new TemplateEngine(phones, time), logger), phones, options, time, logger);
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>
    /// Pops <paramref name="request"/>: a first snapshot at once (searching, every source pending), one
    /// after each source answers, fails or times out, the last with <see cref="ScreenPopView.Complete"/>.
    /// Ends within <see cref="ScreenPopOptions.BudgetMs"/>. A later pop or pick of the same call ends this
    /// enumeration early (without a complete snapshot): the later one is the agent's current view.
    /// </summary>
    /// <remarks>
    /// A call is usually popped twice: when it is offered to the queue (no agent yet: the pop prefetches) and
    /// when it rings at an agent. When the earlier pop of the call completed within
    /// <see cref="ScreenPopOptions.CacheSeconds"/>, looked for the same caller the same way and no customer
    /// changed since, its last snapshot is the answer: one complete snapshot for the new agent, no lookups.
    /// </remarks>
    public IAsyncEnumerable<ScreenPopView> RunAsync(PopRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CallId, nameof(request));
        Sweep();
        var call = CallOf(request);
        var systems = PopSystems.For(_configuration(), _options, request);
        var now = _time.GetUtcNow();
        var changes = _changes.ReuseStamp;
        var session = _sessions.GetOrAdd(request.CallId, _ => new PopSession(call, systems, now));
        if (_options.CacheSeconds > 0 && session.Reuse(call, systems, now, TimeSpan.FromSeconds(_options.CacheSeconds), changes) is { } reused)
        {
            PopLog.Reused(_logger, call.CallId, call.AgentId);
            return new[] { reused }.ToAsyncEnumerable();
        }

        var generation = session.Begin(call, systems, now, changes);
        return PopRun.Pop(_context, session, generation).RunAsync(ct);
    }

    /// <summary>
    /// The agent picked <paramref name="candidateKey"/> (a <see cref="PopCandidate.Key"/>, or any of its
    /// links as <c>system:externalId</c>) among the candidates of the call's pop: the pick is remembered
    /// for the number, and the customer's orders, tickets and history load, in snapshots as for a pop.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No pop of <paramref name="callId"/> is held (never popped, or too long ago).</exception>
    /// <exception cref="ArgumentException">The pop found no candidate known by <paramref name="candidateKey"/>.</exception>
    public IAsyncEnumerable<ScreenPopView> PickAsync(string callId, string candidateKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidateKey);
        if (!_sessions.TryGetValue(callId, out var session) || Expired(session))
        {
            throw new KeyNotFoundException($"No screen pop of call '{callId}' is held; pop the call first.");
        }

        var carry = session.Carry;
        var group = Matching.CandidateMerger.Merge(carry.Records).FirstOrDefault(g => g.IsKnownBy(candidateKey))
            ?? throw new ArgumentException($"The screen pop of call '{callId}' found no candidate '{candidateKey}'.", nameof(candidateKey));
        return PickCoreAsync(session, carry, group.Key, Matching.MatchDecision.Pick, ct);
    }

    /// <summary>
    /// The agent created the caller's customer in <paramref name="system"/> (the pop found nobody): the pop of the call
    /// opens on <paramref name="record"/> (the new record's mapped fields, <c>externalId</c> required), matched by
    /// <c>created</c>, and the customer's details load, in snapshots as for a pick. Cached answers about its numbers are
    /// dropped first (a cached "no match" would hide the new customer from the next pop), and the choice is remembered
    /// for the caller's number. The caller's number is not added to the record: the agent may have entered another.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No pop of <paramref name="callId"/> is held (never popped, or too long ago).</exception>
    /// <exception cref="ArgumentException">The record has no <c>externalId</c>.</exception>
    public IAsyncEnumerable<ScreenPopView> OpenCreatedAsync(string callId, string system, JsonObject record, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        ArgumentNullException.ThrowIfNull(record);
        if (!_sessions.TryGetValue(callId, out var session) || Expired(session))
        {
            throw new KeyNotFoundException($"No screen pop of call '{callId}' is held; pop the call first.");
        }

        var created = Matching.RecordReader.Customer(system, record, _phones, Matching.MatchDecision.Created)
            ?? throw new ArgumentException($"The customer created in {system} has no externalId to open the pop on.", nameof(record));
        var carry = session.Carry with { Records = [.. session.Carry.Records, created] };
        return PickCoreAsync(session, carry, created.Id.Key, Matching.MatchDecision.Created, ct, created);
    }

    /// <summary>How many calls' pops are held now (for tests and diagnostics).</summary>
    internal int HeldCalls => _sessions.Count;

    /// <summary>The last snapshot of the call's pop or pick; null when there was none within <see cref="ScreenPopOptions.RetainMinutes"/>.</summary>
    public ScreenPopView? Latest(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return _sessions.TryGetValue(callId, out var session) && !Expired(session) ? session.Latest : null;
    }

    /// <summary>
    /// A customer changed: drops cached answers that mention the phone (E.164 or any notation the
    /// normalizer reads), or the record <paramref name="externalId"/> of <paramref name="system"/>, or
    /// everything of <paramref name="system"/> when no id is given. With no argument, the whole cache.
    /// </summary>
    /// <remarks>With a shared cache (Redis), the answers go in every hub process, and none of them reuses a pop begun before.</remarks>
    public async Task InvalidateAsync(string? phoneE164 = null, string? system = null, string? externalId = null, CancellationToken ct = default)
    {
        var tags = new List<string>();
        if (!string.IsNullOrWhiteSpace(phoneE164))
        {
            tags.Add(PhoneTagOf(phoneE164));
        }

        if (!string.IsNullOrWhiteSpace(system))
        {
            tags.Add(string.IsNullOrWhiteSpace(externalId) ? LookupCache.SystemTag(system) : LookupCache.IdTag(system, externalId));
        }
        else if (!string.IsNullOrWhiteSpace(externalId))
        {
            throw new ArgumentException("An external id needs the system it belongs to.", nameof(system));
        }

        PopLog.Invalidated(_logger, await ChangedAsync(tags, ct), phoneE164, system, externalId);
    }

    /// <summary>
    /// Customers changed: drops, in one request to the cache, the cached answers that mention any of the
    /// <paramref name="phones"/> (E.164 or any notation the normalizer reads) or any of the <paramref name="records"/>
    /// (system and external id). Nothing to name drops nothing: unlike <see cref="InvalidateAsync"/> with no argument,
    /// this never clears the whole cache. Returns how many answers went.
    /// </summary>
    public async Task<int> CustomersChangedAsync(
        IEnumerable<string> phones, IEnumerable<(string System, string ExternalId)> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(records);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in phones)
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                tags.Add(PhoneTagOf(raw));
            }
        }

        foreach (var (system, externalId) in records)
        {
            if (!string.IsNullOrWhiteSpace(system) && !string.IsNullOrWhiteSpace(externalId))
            {
                tags.Add(LookupCache.IdTag(system, externalId));
            }
        }

        if (tags.Count == 0)
        {
            return 0;
        }

        var count = await ChangedAsync(tags, ct);
        PopLog.CustomersChanged(_logger, count, tags.Count);
        return count;
    }

    private async IAsyncEnumerable<ScreenPopView> PickCoreAsync(
        PopSession session, PopCarry carry, string key, string pickedBy, [EnumeratorCancellation] CancellationToken ct, Matching.FoundRecord? created = null)
    {
        if (created is not null)
        {
            // A cached "no match" for the caller's number would hide the new customer from the next pop,
            // whether or not the agent put that number on the record.
            var phones = session.Call.E164 is { } caller ? created.Phones.Append(caller) : created.Phones;
            await CustomersChangedAsync(phones, [(created.System, created.ExternalId)], ct);
        }

        var call = session.Call;
        // A pick is remembered for the number: other calls from it would now open differently.
        var generation = session.Begin(call, session.Systems, _time.GetUtcNow(), _changes.Picked());
        if (call.E164 is { } phone)
        {
            try
            {
                await _context.Picks.RememberAsync(phone, key, call.AgentId, call.CallId, ct);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // The agent still gets the customer; only the next call from the number asks again.
                PopLog.RememberFailed(_logger, call.CallId, key, ex);
            }
        }

        await foreach (var view in PopRun.Pick(_context, session, generation, carry, key, pickedBy).RunAsync(ct))
        {
            yield return view;
        }
    }

    /// <summary>Customers changed: their cached answers go, and no pop that began before is reused. Returns how many answers went.</summary>
    private async Task<int> ChangedAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        _changes.Bump();
        return await _cache.InvalidateAsync(tags, ct);
    }

    /// <summary>The tag of a number in any notation the normalizer reads (answers are tagged by E.164), else as given.</summary>
    private string PhoneTagOf(string raw)
    {
        var phone = _phones.Normalize(raw);
        return LookupCache.PhoneTag(phone.IsValid ? phone.E164! : raw.Trim());
    }

    private PopCall CallOf(PopRequest request)
    {
        var outbound = string.Equals(request.Direction, "outbound", StringComparison.OrdinalIgnoreCase);
        // Outbound, the customer is the number dialled.
        var raw = outbound ? request.CalledNumber ?? request.CallerNumber : request.CallerNumber;
        var number = _phones.Normalize(raw);
        // IVR data arrives as the PBX names it (orderNumber, OrderNumber); a request read from JSON may carry nulls.
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Attributes ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                attributes.TryAdd(name, value);
            }
        }

        return new PopCall(request.CallId, request.AgentId, number.IsValid ? number.E164 : null, raw, !number.IsValid, attributes,
            request.Queue, request.Direction);
    }

    private bool Expired(PopSession session) => Expired(session, _time.GetUtcNow());

    private bool Expired(PopSession session, DateTimeOffset now) =>
        now - session.TouchedAt > TimeSpan.FromMinutes(_options.RetainMinutes);

    /// <summary>
    /// Lets go of calls past <see cref="ScreenPopOptions.RetainMinutes"/> (once a minute) and, past
    /// <see cref="ScreenPopOptions.MaxHeldCalls"/> (checked every 1,024 pops), of the least recently touched tenth.
    /// The work goes to the thread pool: over 50,000 calls it takes tens of milliseconds, which the pop that
    /// happened to trigger it waited for before.
    /// </summary>
    private void Sweep()
    {
        var last = Interlocked.Read(ref _lastSweep);
        var due = _time.GetElapsedTime(last) >= SweepEvery || Interlocked.Increment(ref _sinceSweep) % 1024 == 0 && _sessions.Count >= _options.MaxHeldCalls;
        if (!due || Interlocked.CompareExchange(ref _lastSweep, _time.GetTimestamp(), last) != last)
        {
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static engine => engine.LetGo(), this, preferLocal: false);
    }

    private void LetGo()
    {
        // On a pool thread of its own: an exception here would end the process.
        try
        {
            LetGoCore();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PopLog.LetGoFailed(_logger, ex);
        }
    }

    private void LetGoCore()
    {
        var now = _time.GetUtcNow();
        foreach (var (callId, session) in _sessions)
        {
            if (Expired(session, now))
            {
                _sessions.TryRemove(KeyValuePair.Create(callId, session));
            }
        }

        var excess = _sessions.Count - _options.MaxHeldCalls;
        if (excess > 0)
        {
            // A snapshot taken under the dictionary's locks: sorting the live dictionary copied it into an array sized
            // a moment before, and a call added in between made the copy (and the pop that swept) throw.
            foreach (var (callId, session) in _sessions.ToArray().OrderBy(s => s.Value.TouchedAt).Take(excess + _options.MaxHeldCalls / 10))
            {
                _sessions.TryRemove(KeyValuePair.Create(callId, session));
            }
        }
    }
}
