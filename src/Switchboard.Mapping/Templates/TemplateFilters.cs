using System.Globalization;
using System.Security;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fluid;
using Fluid.Values;
using PhoneNumbers;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Responses;

namespace Switchboard.Mapping.Templates;

/// <summary>The hub's own filters; see <see cref="TemplateEngine"/> for what each one does.</summary>
internal sealed class TemplateFilters(PhoneNormalizer phones)
{
    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    // The text goes into request bodies, never into HTML: quotes as \" and non-ASCII as is.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Register(FilterCollection filters)
    {
        filters.AddFilter(TemplateFilterNames.Json, Json);
        filters.AddFilter(TemplateFilterNames.XmlEscape, XmlEscape);
        filters.AddFilter(TemplateFilterNames.EpochSeconds, EpochSeconds);
        filters.AddFilter(TemplateFilterNames.EpochMillis, EpochMillis);
        filters.AddFilter(TemplateFilterNames.Iso8601, Iso8601);
        filters.AddFilter(TemplateFilterNames.PhoneE164, PhoneE164);
        filters.AddFilter(TemplateFilterNames.PhoneNational, PhoneNational);
        filters.AddFilter(TemplateFilterNames.PhoneDigits, PhoneDigits);
    }

    private static ValueTask<FluidValue> Json(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new StringValue(TemplateValues.ToJson(input)?.ToJsonString(JsonText) ?? "null");

    private static ValueTask<FluidValue> XmlEscape(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? StringValue.Empty : new StringValue(SecurityElement.Escape(input.ToStringValue()));

    private static ValueTask<FluidValue> EpochSeconds(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? NilValue.Instance : NumberValue.Create(ReadDate(input, context, TemplateFilterNames.EpochSeconds).ToUnixTimeSeconds());

    private static ValueTask<FluidValue> EpochMillis(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? NilValue.Instance : NumberValue.Create(ReadDate(input, context, TemplateFilterNames.EpochMillis).ToUnixTimeMilliseconds());

    private static ValueTask<FluidValue> Iso8601(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? NilValue.Instance : new StringValue(TemplateDates.ToIso8601(ReadDate(input, context, TemplateFilterNames.Iso8601)));

    private ValueTask<FluidValue> PhoneE164(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        ReadPhone(input, arguments, TemplateFilterNames.PhoneE164) is { } e164 ? new StringValue(e164) : NilValue.Instance;

    private ValueTask<FluidValue> PhoneDigits(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        ReadPhone(input, arguments, TemplateFilterNames.PhoneDigits) is { } e164 ? new StringValue(e164[1..]) : NilValue.Instance;

    private ValueTask<FluidValue> PhoneNational(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (ReadPhone(input, arguments, TemplateFilterNames.PhoneNational) is not { } e164)
        {
            return NilValue.Instance;
        }

        // The national notation of the number's own region, whatever the hub's default region is.
        var number = PhoneUtil.Parse(e164, null);
        return new StringValue(PhoneUtil.Format(number, PhoneNumberFormat.NATIONAL));
    }

    private static DateTimeOffset ReadDate(FluidValue input, TemplateContext context, string filter)
    {
        if (input.Type == FluidValues.String
            && DateTimeOffset.TryParse(input.ToStringValue(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        // Fluid's reading also covers "now", "today", numbers (epoch seconds) and date values.
        if (input.TryGetDateTimeInput(context, out var value))
        {
            return value;
        }

        throw new TemplateFilterException($"the {filter} filter got {Quote(input)}, which is not a date");
    }

    private string? ReadPhone(FluidValue input, FilterArguments arguments, string filter)
    {
        if (input.IsNil())
        {
            return null;
        }

        var region = arguments.Count > 0 ? arguments.At(0).ToStringValue() : null;
        if (region is not null && !PhoneNormalizer.IsKnownRegion(region))
        {
            throw new TemplateFilterException($"the {filter} filter was given the region '{region}', which is not an ISO 3166 region code");
        }

        var result = phones.Normalize(input.ToStringValue(), region);
        return result.Status switch
        {
            PhoneNormalizationStatus.Valid => result.E164,
            PhoneNormalizationStatus.Withheld => null,
            _ => throw new TemplateFilterException($"the {filter} filter got {Quote(input)}, which {result.Error}"),
        };
    }

    private static string Quote(FluidValue value) => ValueText.Quote(value.ToStringValue());
}
