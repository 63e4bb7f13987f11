using System.Diagnostics;
using System.Text.Json;
using Switchboard.Testing;

namespace Switchboard.Benchmarks.Delivery;

/// <summary>
/// The figures of one measured run, from what was sent and what reached the receiver. A call's write
/// is found by the body's <c>callId</c> (the hub's idempotency key names the interaction, not the call);
/// "exactly once" means every call arrived once, under one idempotency key of its own.
/// </summary>
internal sealed class DeliveryFigures
{
    private readonly Dictionary<string, object> _values = [];

    public bool ExactlyOnce { get; private set; }

    public static DeliveryFigures Of(DeliveryOptions options, SentCalls calls, IReadOnlyDictionary<string, IReadOnlyList<ReceiverArrival>> arrivals)
    {
        var lagFromAck = new List<double>();
        var lagFromSend = new List<double>();
        var answer = new List<double>();
        int delivered = 0, duplicateWrites = 0, severalKeys = 0;
        var callsByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSend = calls.Sent.Min();
        long lastArrival = 0, lastAck = 0;
        for (var i = 0; i < calls.CallIds.Length; i++)
        {
            if (calls.Acked[i] != 0)
            {
                answer.Add(Ms(calls.Acked[i] - calls.Sent[i]));
                lastAck = Math.Max(lastAck, calls.Acked[i]);
            }

            if (!arrivals.TryGetValue(calls.CallIds[i], out var writes))
            {
                continue;
            }

            delivered++;
            duplicateWrites += writes.Count - 1;
            var keys = writes.Select(w => w.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count > 1)
            {
                severalKeys++;
            }

            foreach (var key in keys)
            {
                callsByKey[key] = callsByKey.GetValueOrDefault(key) + 1;
            }

            var arrived = writes[0].Timestamp;
            lastArrival = Math.Max(lastArrival, arrived);
            lagFromSend.Add(Ms(arrived - calls.Sent[i]));
            if (calls.Acked[i] != 0)
            {
                lagFromAck.Add(Ms(arrived - calls.Acked[i]));
            }
        }

        // Two calls written under one key: the receiver keeps only the first, so the second is lost.
        var sharedKeys = callsByKey.Count(k => k.Value > 1);
        var seconds = lastArrival == 0 ? 0 : (lastArrival - firstSend) / (double)Stopwatch.Frequency;
        var ackSeconds = lastAck == 0 ? 0 : (lastAck - firstSend) / (double)Stopwatch.Frequency;
        var figures = new DeliveryFigures
        {
            ExactlyOnce = delivered == calls.CallIds.Length && duplicateWrites == 0 && severalKeys == 0 && sharedKeys == 0,
        };
        var v = figures._values;
        v["system"] = options.System;
        v["calls"] = calls.CallIds.Length;
        v["concurrency"] = options.Concurrency;
        v["acked"] = calls.CallIds.Length - calls.Errors;
        v["errors"] = calls.Errors;
        v["delivered"] = delivered;
        v["missing"] = calls.CallIds.Length - delivered;
        v["duplicate_writes"] = duplicateWrites;
        v["calls_with_several_keys"] = severalKeys;
        v["keys_shared_by_calls"] = sharedKeys;
        v["exactly_once"] = figures.ExactlyOnce ? 1 : 0;
        v["seconds"] = Math.Round(seconds, 3);
        v["throughput_per_s"] = seconds > 0 ? Math.Round(delivered / seconds, 1) : 0;
        v["ack_seconds"] = Math.Round(ackSeconds, 3);
        v["acks_per_s"] = ackSeconds > 0 ? Math.Round((calls.CallIds.Length - calls.Errors) / ackSeconds, 1) : 0;
        v["answer_p50_ms"] = Percentiles.Of(answer, 0.50);
        v["answer_p99_ms"] = Percentiles.Of(answer, 0.99);
        v["lag_ack_p50_ms"] = Percentiles.Of(lagFromAck, 0.50);
        v["lag_ack_p99_ms"] = Percentiles.Of(lagFromAck, 0.99);
        v["lag_ack_max_ms"] = Percentiles.Of(lagFromAck, 1.0);
        v["lag_send_p50_ms"] = Percentiles.Of(lagFromSend, 0.50);
        v["lag_send_p99_ms"] = Percentiles.Of(lagFromSend, 0.99);
        v["lag_send_max_ms"] = Percentiles.Of(lagFromSend, 1.0);
        if (calls.FirstError is not null)
        {
            v["first_error"] = calls.FirstError;
        }

        return figures;
    }

    /// <summary>Adds or replaces a figure.</summary>
    public void Set(string name, object value) => _values[name] = value;

    /// <summary>One line of JSON, numbers unquoted.</summary>
    public string ToJson() => JsonSerializer.Serialize(_values);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
