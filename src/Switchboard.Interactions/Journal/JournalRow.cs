using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Core.Events;

namespace Switchboard.Interactions.Journal;

/// <summary>How an event is stored in the journal: the searchable columns plus the whole event as JSON.</summary>
internal static class JournalRow
{
    public static string Payload(ContactCenterEvent e) => JsonSerializer.Serialize(e, JournalJsonContext.Default.ContactCenterEvent);

    public static ContactCenterEvent Read(string payload) =>
        JsonSerializer.Deserialize(payload, JournalJsonContext.Default.ContactCenterEvent) ?? throw new InvalidDataException("empty journal payload");
}

/// <summary>Source-generated JSON for journal payloads: written for every event, so no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ContactCenterEvent))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
