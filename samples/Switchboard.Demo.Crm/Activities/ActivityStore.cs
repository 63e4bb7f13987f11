using System.Globalization;
using Switchboard.Demo.Crm.Http;

namespace Switchboard.Demo.Crm.Activities;

/// <summary>Logged calls, in memory, with the Idempotency-Keys that created them.</summary>
internal sealed class ActivityStore
{
    private const string IdPrefix = "00TA";

    private readonly Lock _lock = new();
    private readonly List<CallActivity> _activities = [];
    private readonly IdempotentCreates<CallActivity> _created = new();
    private readonly ModificationClock _clock;
    private int _lastNumber;

    public ActivityStore(ModificationClock clock, IEnumerable<CallActivity> seed)
    {
        _clock = clock;
        _activities.AddRange(seed);
        _lastNumber = _activities.Count == 0
            ? 0
            : _activities.Max(a => int.Parse(a.Id.AsSpan(IdPrefix.Length), CultureInfo.InvariantCulture));
    }

    public ActivityLogResult Log(ActivityInput input, string? idempotencyKey, string fingerprint)
    {
        lock (_lock)
        {
            if (_created.Seen(idempotencyKey, fingerprint, out var earlier, out var keyReused))
            {
                return new ActivityLogResult(earlier, Replayed: !keyReused, KeyReused: keyReused);
            }

            _lastNumber++;
            var activity = new CallActivity(
                IdPrefix + _lastNumber.ToString("D6", CultureInfo.InvariantCulture),
                input.ContactId!,
                input.Subject!.Trim(),
                input.NormalizedDirection ?? "Inbound",
                input.DurationSeconds ?? 0,
                input.Disposition,
                input.Notes,
                input.RecordingUrl,
                input.CallId,
                input.OccurredAt!.Value,
                _clock.Next());
            _activities.Add(activity);
            _created.Remember(idempotencyKey, fingerprint, activity);

            return new ActivityLogResult(activity, Replayed: false, KeyReused: false);
        }
    }

    public CallActivity? Find(string id)
    {
        lock (_lock)
        {
            return _activities.Find(a => a.Id == id);
        }
    }

    /// <summary>Activities by time of the call, from inclusive, to exclusive.</summary>
    public IReadOnlyList<CallActivity> List(string? contactId, DateTimeOffset? from, DateTimeOffset? to)
    {
        lock (_lock)
        {
            return _activities
                .Where(a => contactId is null || a.ContactId == contactId)
                .Where(a => from is null || a.OccurredAt >= from)
                .Where(a => to is null || a.OccurredAt < to)
                .OrderBy(a => a.OccurredAt)
                .ThenBy(a => a.Id, StringComparer.Ordinal)
                .ToList();
        }
    }
}
