using System.Text.Json;
using Switchboard.Core.Events;

namespace Switchboard.Interactions.Journal;

/// <summary>How an event is stored in the journal: the searchable columns plus the whole event as JSON.</summary>
internal static class JournalRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Payload(ContactCenterEvent e) => JsonSerializer.Serialize(e, Json);

    public static ContactCenterEvent Read(string payload) =>
        JsonSerializer.Deserialize<ContactCenterEvent>(payload, Json) ?? throw new InvalidDataException("empty journal payload");
}
