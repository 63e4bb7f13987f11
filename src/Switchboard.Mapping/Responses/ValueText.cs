namespace Switchboard.Mapping.Responses;

/// <summary>How an offending value is shown in an error: quoted and at most 200 characters.</summary>
internal static class ValueText
{
    public const int MaxLength = 200;

    public static string Shorten(string value) =>
        value.Length <= MaxLength ? value : string.Concat(value.AsSpan(0, MaxLength - 1), "…");

    public static string Quote(string value) => "\"" + Shorten(value) + "\"";
}
