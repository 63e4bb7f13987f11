using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Delivery.Outbox;

namespace Switchboard.Delivery.Transport.RabbitMq;

/// <summary>
/// The body of a message on the broker: the <see cref="DeliveryMessage"/> as a JSON object with camelCase fields,
/// <c>arguments</c> as a JSON object and instants as ISO-8601 text (unix milliseconds are accepted when reading).
/// Our own format rather than a serializer's defaults, so the wire format does not move when a record gains a member.
/// </summary>
internal static class RabbitMqMessageCodec
{
    public const string ContentType = "application/json";

    // DateTimeOffset.MinValue and MaxValue in unix milliseconds.
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    /// <summary>Writes an outbox row; its arguments go out as stored (checked to be JSON), without a parse and re-write.</summary>
    public static byte[] Encode(OutboxRow row)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + row.Arguments.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Id);
            writer.WriteString("target", row.Target);
            writer.WriteString("operation", row.Operation);
            writer.WriteString("recordKey", row.RecordKey);
            writer.WriteString("idempotencyKey", row.IdempotencyKey);
            writer.WriteString("source", row.Source);
            writer.WritePropertyName("arguments");
            writer.WriteRawValue(row.Arguments);
            writer.WriteString("occurredAt", DateTimeOffset.FromUnixTimeMilliseconds(row.OccurredAt));
            writer.WriteString("enqueuedAt", DateTimeOffset.FromUnixTimeMilliseconds(row.EnqueuedAt));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a body the relay wrote.</summary>
    /// <exception cref="FormatException">It is not JSON, not an object, or a field is missing or of the wrong kind.</exception>
    public static DeliveryMessage Decode(ReadOnlySpan<byte> body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the body is not JSON: {ex.Message}", ex);
        }

        if (node is not JsonObject json)
        {
            throw new FormatException("the body is not a JSON object");
        }

        if (json["arguments"] is not JsonObject arguments)
        {
            throw new FormatException("'arguments' is missing or not an object");
        }

        // Detached from the body's object, so the message owns it.
        json.Remove("arguments");
        return new DeliveryMessage
        {
            Id = Text(json, "id"),
            Target = Text(json, "target"),
            Operation = Text(json, "operation"),
            RecordKey = Text(json, "recordKey"),
            IdempotencyKey = Text(json, "idempotencyKey"),
            Source = Text(json, "source"),
            Arguments = arguments,
            OccurredAt = Instant(json, "occurredAt"),
            EnqueuedAt = Instant(json, "enqueuedAt"),
        };
    }

    private static string Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new FormatException($"'{name}' is missing or not a non-empty string");

    private static DateTimeOffset Instant(JsonObject json, string name)
    {
        if (json[name] is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text) &&
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                return parsed;
            }

            if (value.TryGetValue<long>(out var unixMs) && unixMs is >= MinUnixMs and <= MaxUnixMs)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            }
        }

        throw new FormatException($"'{name}' is missing or not an ISO-8601 instant or unix milliseconds");
    }
}
