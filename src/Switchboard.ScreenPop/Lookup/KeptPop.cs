using System.Text.Json;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// A call's complete snapshot, and what its pop learned, as a session keeps them once the run is over: each
/// serialized to one byte array, read back when asked for (the snapshot for the REST pop and a reuse, what the pop
/// learned for a pick).
/// </summary>
/// <remarks>
/// A call's pop is held for <see cref="ScreenPopOptions.RetainMinutes"/>, and as objects a complete pop is a few
/// hundred of them (customer, orders, tickets, sources, links, the systems' records). Every pop's objects outlived the
/// collection after it, and copying them was most of each pause: at 200 pops/s a gen0 collection every ~1.4 s paused
/// 20-35 ms, with 2.5 of the 3.3 MB it promoted being held pops. One array per part is copied, not traced.
/// </remarks>
internal static class KeptPop
{
    // Nulls are written too: a required member is never left out, whatever it holds.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static byte[] Keep<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

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
        where T : class =>
        JsonSerializer.Deserialize<T>(kept, Options) ?? throw new InvalidOperationException($"A kept {typeof(T).Name} read as null.");
}
