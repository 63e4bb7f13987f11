using System.Globalization;

namespace Switchboard.Delivery.DeadLetters;

/// <summary>
/// Where a page of dead letters ended: the last item's failure time (Unix ms) and id, written <c>MS:ID</c>. Keyset
/// paging on <c>(failed_at, id)</c> descending, so a dead letter added while paging never shifts the pages.
/// </summary>
public readonly record struct DeadLetterCursor(long FailedAtMs, string Id)
{
    public static DeadLetterCursor After(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new DeadLetterCursor(letter.FailedAt.ToUnixTimeMilliseconds(), letter.Message.Id);
    }

    public static bool TryParse(string? text, out DeadLetterCursor cursor)
    {
        cursor = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == text!.Length - 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        cursor = new DeadLetterCursor(ms, text[(colon + 1)..]);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FailedAtMs}:{Id}");
}
