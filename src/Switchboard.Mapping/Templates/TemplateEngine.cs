using System.Collections.Concurrent;
using System.Globalization;
using Fluid;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Validation;

namespace Switchboard.Mapping.Templates;

/// <summary>
/// Liquid templates (Fluid) for request paths, queries, headers and bodies. Values are JSON
/// (<c>{{ customer.name }}</c>, <c>{% for line in lines %}</c>); an absent variable renders empty;
/// output is not HTML-encoded; dates are read and written in UTC; <c>now</c> is the current time.
/// Besides Fluid's standard filters (<c>default</c>, <c>date</c>, <c>upcase</c>, <c>size</c>, ...):
/// <list type="bullet">
/// <item><c>url_encode</c>: form-style URL encoding: space becomes <c>+</c>, <c>+</c> becomes <c>%2B</c>, <c>&amp;</c> becomes <c>%26</c>.</item>
/// <item><c>json</c>: any value as JSON text (strings quoted and escaped, arrays and objects whole); absent or nil gives <c>null</c>.</item>
/// <item><c>xml_escape</c>: escapes <c>&amp; &lt; &gt; " '</c> for XML text and attributes.</item>
/// <item><c>epoch_seconds</c>, <c>epoch_millis</c>: an ISO date text or a date to Unix time.</item>
/// <item><c>iso8601</c>: a date to <c>2024-05-01T10:00:00Z</c> (UTC; fractional seconds only when non-zero).</item>
/// <item><c>date</c>: strftime formatting (<c>{{ x | date: '%Y-%m-%d' }}</c>); ISO texts are read as dates.</item>
/// <item><c>phone_e164</c>: a phone number in any notation to E.164 (<c>+4930123456</c>); an optional
/// argument gives the region for national numbers (<c>phone_e164: 'DE'</c>), else the hub's default region.</item>
/// <item><c>phone_national</c>: the national notation of the number's own region (<c>030 123456</c>).</item>
/// <item><c>phone_digits</c>: E.164 without the '+' (<c>4930123456</c>).</item>
/// </list>
/// A phone or date filter given something that is not a phone number or a date fails the render;
/// given nothing (absent, nil), it renders empty.
/// </summary>
public sealed class TemplateEngine
{
    // Templates come from configuration, so the cache is bounded by the configuration's size.
    private readonly ConcurrentDictionary<string, CompiledTemplate> _cache = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    public TemplateEngine(PhoneNormalizer phones, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(phones);
        ArgumentNullException.ThrowIfNull(time);
        _options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            Now = time.GetUtcNow,
            ModelNamesComparer = StringComparer.Ordinal,
        };
        new TemplateFilters(phones).Register(_options.Filters);
    }

    /// <summary>Parses (or takes from the cache) a template.</summary>
    /// <exception cref="TemplateSyntaxException">With the reason <see cref="MappingSyntax.ValidateTemplate"/> gives.</exception>
    public CompiledTemplate Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_cache.TryGetValue(source, out var cached))
        {
            return cached;
        }

        if (MappingSyntax.ParseTemplate(source, out var template) is { } reason)
        {
            throw new TemplateSyntaxException(reason);
        }

        var compiled = new CompiledTemplate(source, template!, _options);
        return _cache.GetOrAdd(source, compiled);
    }
}
