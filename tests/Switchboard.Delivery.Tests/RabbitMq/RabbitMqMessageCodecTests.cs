using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Delivery.Outbox;
using Switchboard.Delivery.Transport.RabbitMq;

namespace Switchboard.Delivery.Tests.RabbitMq;

public sealed class RabbitMqMessageCodecTests
{
    [Fact]
    public void An_outbox_row_reads_back_as_the_message_it_holds()
    {
        var row = new OutboxRow
        {
            Seq = 7,
            Id = "m-1",
            Target = "crm",
            Operation = "interaction.log",
            RecordKey = "interaction:01J",
            IdempotencyKey = "call-logging:01J",
            Source = "call-logging",
            Arguments = """{"notes":"caller \"asked\" for a refund","durationSeconds":93,"tags":["vip"],"nested":{"a":null}}""",
            OccurredAt = 1_760_000_000_123,
            EnqueuedAt = 1_760_000_000_456,
        };

        var message = RabbitMqMessageCodec.Decode(RabbitMqMessageCodec.Encode(row));

        var expected = row.ToMessage();
        JsonNode.DeepEquals(message.Arguments, expected.Arguments).ShouldBeTrue();
        (message with { Arguments = expected.Arguments }).ShouldBe(expected);
        message.OccurredAt.ToUnixTimeMilliseconds().ShouldBe(1_760_000_000_123);
    }

    [Fact]
    public void Instants_are_written_as_iso_8601_and_read_from_unix_milliseconds_too()
    {
        var row = new OutboxRow { Id = "m", Target = "t", Operation = "o", RecordKey = "r", IdempotencyKey = "k", Source = "s", OccurredAt = 0, EnqueuedAt = 1000 };
        var text = Encoding.UTF8.GetString(RabbitMqMessageCodec.Encode(row));
        text.ShouldContain("\"occurredAt\":\"1970-01-01T00:00:00+00:00\"");

        var fromMillis = text.Replace("\"enqueuedAt\":\"1970-01-01T00:00:01+00:00\"", "\"enqueuedAt\":1000", StringComparison.Ordinal);
        RabbitMqMessageCodec.Decode(Encoding.UTF8.GetBytes(fromMillis)).EnqueuedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"m","target":"t","operation":"o","recordKey":"r","idempotencyKey":"k","source":"s","occurredAt":0,"enqueuedAt":0}""")]
    [InlineData("""{"id":"m","target":"t","operation":"o","recordKey":"r","idempotencyKey":"k","source":"s","arguments":[],"occurredAt":0,"enqueuedAt":0}""")]
    [InlineData("""{"id":"","target":"t","operation":"o","recordKey":"r","idempotencyKey":"k","source":"s","arguments":{},"occurredAt":0,"enqueuedAt":0}""")]
    [InlineData("""{"id":"m","target":"t","operation":"o","recordKey":"r","idempotencyKey":"k","source":"s","arguments":{},"occurredAt":"yesterday","enqueuedAt":0}""")]
    [InlineData("""{"id":"m","target":"t","operation":"o","recordKey":"r","idempotencyKey":"k","source":"s","arguments":{},"occurredAt":0,"enqueuedAt":9999999999999999}""")]
    public void A_body_that_is_not_a_whole_message_is_refused(string body) =>
        Should.Throw<FormatException>(() => RabbitMqMessageCodec.Decode(Encoding.UTF8.GetBytes(body)));
}
