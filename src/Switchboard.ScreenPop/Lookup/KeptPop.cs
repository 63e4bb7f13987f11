using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// A call's complete snapshot, and what its pop learned, as a session keeps them once the run is over: each
/// serialized to JSON and compressed into one byte array, read back when asked for (the snapshot for the REST pop and a
/// reuse, what the pop learned for a pick).
/// </summary>
/// <remarks>
/// A call's pop is held for <see cref="ScreenPopOptions.RetainMinutes"/>, and as objects a complete pop is a few
/// hundred of them (customer, orders, tickets, sources, links, the systems' records). Every pop's objects outlived the
/// collection after it, and copying them was most of each pause: at 200 pops/s a gen0 collection every ~1.4 s paused
/// 20-35 ms, with 2.5 of the 3.3 MB it promoted being held pops. One array per part is copied, not traced.
/// Compressed (Brotli at its fastest), a snapshot with one customer, two orders and a ticket takes 745 bytes instead of
/// 2,006 as JSON, and a held call (its session, call and both arrays) 1.8 KB instead of 3.9 (over 3,000 pops in the
/// tests' harness): about 90 MB instead of 195 at the <see cref="ScreenPopOptions.MaxHeldCalls"/> default, and less for
/// each collection to copy and promote. Keeping it took 13 µs instead of 4, reading it back 13 µs (a pop costs about 2 ms
/// of CPU).
/// </remarks>
internal static class KeptPop
{
    // Quality 1 is Brotli's fastest; a window of 2^18 bytes is far more than a pop's JSON needs.
    private const int Quality = 1;
    private const int Window = 18;

    // Nulls are written too: a required member is never left out, whatever it holds.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>The JSON's length (4 bytes, little-endian), then the JSON compressed.</summary>
    public static byte[] Keep<T>(T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Options);
        var buffer = ArrayPool<byte>.Shared.Rent(4 + BrotliEncoder.GetMaxCompressedLength(json.Length));
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, json.Length);
            if (!BrotliEncoder.TryCompress(json, buffer.AsSpan(4), out var written, Quality, Window))
            {
                throw new InvalidOperationException($"A {typeof(T).Name} of {json.Length} bytes did not compress into its bound.");
            }

            return buffer.AsSpan(0, 4 + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Null when <paramref name="value"/> cannot be serialized (a record field of a type JSON cannot hold); the session then keeps the objects.</summary>
    public static byte[]? TryKeep<T>(T value)
    {
        try
        {
            return Keep(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static T Read<T>(byte[] kept)
        where T : class
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(kept);
        var json = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!BrotliDecoder.TryDecompress(kept.AsSpan(4), json, out var written) || written != length)
            {
                throw new InvalidOperationException($"A kept {typeof(T).Name} did not read back whole ({written} of {length} bytes).");
            }

            return JsonSerializer.Deserialize<T>(json.AsSpan(0, length), Options) ?? throw new InvalidOperationException($"A kept {typeof(T).Name} read as null.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(json);
        }
    }
}
