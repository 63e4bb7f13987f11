using System.Collections.Frozen;
using Fluid;

namespace Switchboard.Mapping.Templates;

/// <summary>The filter names a template may use: Fluid's built-ins plus the hub's own.</summary>
internal static class TemplateFilterNames
{
    public const string Json = "json";
    public const string XmlEscape = "xml_escape";
    public const string EpochSeconds = "epoch_seconds";
    public const string EpochMillis = "epoch_millis";
    public const string Iso8601 = "iso8601";
    public const string PhoneE164 = "phone_e164";
    public const string PhoneNational = "phone_national";
    public const string PhoneDigits = "phone_digits";

    /// <summary>Filters the hub registers on top of (or instead of) Fluid's.</summary>
    public static readonly FrozenSet<string> Custom = new[]
    {
        Json, XmlEscape, EpochSeconds, EpochMillis, Iso8601, PhoneE164, PhoneNational, PhoneDigits,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every filter name a template may use.</summary>
    public static readonly FrozenSet<string> All = new TemplateOptions().Filters
        .Select(filter => filter.Key)
        .Concat(Custom)
        .ToFrozenSet(StringComparer.Ordinal);
}
