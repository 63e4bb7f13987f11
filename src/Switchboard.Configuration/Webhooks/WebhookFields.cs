using Switchboard.Core.Events;

namespace Switchboard.Configuration;

/// <summary>The fields of a <see cref="ContactCenterEvent"/> a webhook can fill, and which ones each event type needs.</summary>
public static class WebhookFields
{
    public const string EventId = "eventId";
    public const string OccurredAt = "occurredAt";
    public const string CallId = "callId";
    public const string AgentId = "agentId";
    public const string Direction = "direction";
    public const string From = "from";
    public const string To = "to";
    public const string Queue = "queue";
    public const string Reason = "reason";
    public const string Disposition = "disposition";
    public const string Notes = "notes";
    public const string RecordingUrl = "recordingUrl";
    public const string TransferTo = "transferTo";

    /// <summary>The key of the nested mapping that fills <see cref="ContactCenterEvent.Attributes"/>.</summary>
    public const string Attributes = "attributes";

    public static IReadOnlyList<string> All { get; } =
    [
        EventId, OccurredAt, CallId, AgentId, Direction, From, To, Queue, Reason, Disposition, Notes, RecordingUrl, TransferTo,
    ];

    /// <summary>The fields whose vendor values can be translated by <c>valueMaps</c> (all but the id and the time).</summary>
    public static IReadOnlyList<string> Mappable { get; } = All.Where(field => field is not (EventId or OccurredAt)).ToList().AsReadOnly();

    /// <summary>
    /// The fields an event of <paramref name="type"/> cannot do without, as <see cref="ContactCenterEventValidator"/>
    /// requires them: a payload that matches a rule but lacks one of these is refused naming the vendor path.
    /// </summary>
    public static IReadOnlyList<string> RequiredFor(string type)
    {
        var required = new List<string> { EventId, OccurredAt };
        if (EventTypes.IsCall(type))
        {
            required.Add(CallId);
        }

        if (EventTypes.IsAgent(type) || type is EventTypes.CallAnswered or EventTypes.CallRinging)
        {
            required.Add(AgentId);
        }

        if (type == EventTypes.CallTransferred)
        {
            required.Add(TransferTo);
        }

        if (type == EventTypes.CallRecordingAvailable)
        {
            required.Add(RecordingUrl);
        }

        return required;
    }
}
