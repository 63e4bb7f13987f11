using System.Collections.Frozen;
using Switchboard.Core.Common;
using Switchboard.Core.Phones;

namespace Switchboard.Core.Events;

/// <summary>
/// Checks an event before it is accepted: required fields per type, known type, sane timestamps,
/// readable phone numbers, bounded sizes. Reports every problem, each naming field, value and reason.
/// </summary>
public sealed class ContactCenterEventValidator(PhoneNormalizer phones, TimeProvider clock)
{
    public const int MaxIdLength = 128;
    public const int MaxTextLength = 4000;
    public const int MaxAttributes = 50;
    /// <summary>Older events are refused: a contact center replaying history should use batch migration.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);
    /// <summary>Clocks drift; an event from further in the future than this is refused.</summary>
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);

    private static readonly FrozenSet<string> Directions = new[] { "inbound", "outbound", "internal" }.ToFrozenSet(StringComparer.Ordinal);

    public IReadOnlyList<FieldError> Validate(ContactCenterEvent e, string prefix = "")
    {
        var errors = new List<FieldError>();
        void Add(string field, string? value, string reason) => errors.Add(new FieldError(prefix + field, Clip(value), reason));

        RequireId(e.EventId, "eventId", Add);
        if (string.IsNullOrWhiteSpace(e.Type))
        {
            Add("type", e.Type, "is required");
        }
        else if (!EventTypes.IsKnown(e.Type))
        {
            Add("type", e.Type, $"is not an event type; known types are {string.Join(", ", EventTypes.Call.Concat(EventTypes.Agent))}");
        }

        var now = clock.GetUtcNow();
        if (e.OccurredAt == default)
        {
            Add("occurredAt", null, "is required (ISO 8601 with an offset, e.g. 2026-11-24T10:15:00Z)");
        }
        else if (e.OccurredAt < now - MaxAge)
        {
            Add("occurredAt", e.OccurredAt.ToString("O"), $"is more than {MaxAge.TotalDays:0} days old");
        }
        else if (e.OccurredAt > now + MaxFuture)
        {
            Add("occurredAt", e.OccurredAt.ToString("O"), $"is more than {MaxFuture.TotalMinutes:0} minutes in the future");
        }

        if (EventTypes.IsCall(e.Type))
        {
            RequireId(e.CallId, "callId", Add);
        }
        else if (e.CallId is not null && e.CallId.Length > MaxIdLength)
        {
            Add("callId", e.CallId, $"is longer than {MaxIdLength} characters");
        }

        if (EventTypes.IsAgent(e.Type) || e.Type is EventTypes.CallAnswered or EventTypes.CallRinging)
        {
            RequireId(e.AgentId, "agentId", Add);
        }

        if (e.Type == EventTypes.CallTransferred && string.IsNullOrWhiteSpace(e.TransferTo))
        {
            Add("transferTo", e.TransferTo, "is required for call.transferred");
        }

        if (e.Type == EventTypes.CallRecordingAvailable)
        {
            if (!Uri.TryCreate(e.RecordingUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                Add("recordingUrl", e.RecordingUrl, "must be an absolute http(s) URL for call.recording_available");
            }
        }

        if (e.Direction is not null && !Directions.Contains(e.Direction))
        {
            Add("direction", e.Direction, "is not one of inbound, outbound, internal");
        }

        // Internal calls come from extensions, and the called number may be a DID, an extension or a
        // queue number: only an external caller's number must be a phone number.
        if (e.Direction != "internal")
        {
            CheckPhone(e.From, "from", Add);
        }

        foreach (var (name, value) in new[] { ("queue", e.Queue), ("reason", e.Reason), ("disposition", e.Disposition), ("notes", e.Notes), ("recordingUrl", e.RecordingUrl), ("transferTo", e.TransferTo), ("agentId", e.AgentId) })
        {
            if (value is { Length: > MaxTextLength })
            {
                Add(name, value, $"is longer than {MaxTextLength} characters");
            }
        }

        if (e.Attributes.Count > MaxAttributes)
        {
            Add("attributes", e.Attributes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"holds more than {MaxAttributes} entries");
        }

        foreach (var (key, value) in e.Attributes)
        {
            if (key.Length is 0 or > 64)
            {
                Add("attributes", key, "has a key that is empty or longer than 64 characters");
            }
            else if (value.Length > 1024)
            {
                Add($"attributes.{key}", value, "is longer than 1024 characters");
            }
        }

        return errors;
    }

    private void CheckPhone(string? number, string field, Action<string, string?, string> add)
    {
        if (number is null)
        {
            return;
        }

        var normalized = phones.Normalize(number);
        if (normalized.Status == PhoneNormalizationStatus.Invalid)
        {
            add(field, number, normalized.Error ?? "is not a phone number");
        }
    }

    private static void RequireId(string? value, string field, Action<string, string?, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, value, "is required");
        }
        else if (value.Length > MaxIdLength)
        {
            add(field, value, $"is longer than {MaxIdLength} characters");
        }
    }

    private static string? Clip(string? value) => value is { Length: > 80 } ? value[..77] + "..." : value;
}
