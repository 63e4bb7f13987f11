using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Switchboard.Mapping.Templates;

/// <summary>A parsed template, rendered as often as needed and from any thread.</summary>
public sealed class CompiledTemplate
{
    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _options;
    private readonly IReadOnlySet<string>? _variables;

    internal CompiledTemplate(string source, IFluidTemplate template, TemplateOptions options)
    {
        Source = source;
        _template = template;
        _options = options;
        _variables = TemplateVariables.Of(template);
    }

    public string Source { get; }

    /// <summary>
    /// Renders with <paramref name="values"/> as the template's variables (plus <c>now</c>). The output
    /// is not HTML-encoded: escaping for the target (url, json, xml) is the template's choice of filter.
    /// </summary>
    /// <exception cref="TemplateRenderException">A filter refused its input or Fluid failed.</exception>
    public string Render(IReadOnlyDictionary<string, JsonNode?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var context = new TemplateContext(_options, StringComparer.Ordinal);
        context.SetValue("now", new DateTimeValue(_options.Now()));
        if (_variables is null)
        {
            foreach (var (name, value) in values)
            {
                context.SetValue(name, TemplateValues.ToFluid(value));
            }
        }
        else
        {
            // Only what the template reads: a call-logging body uses a handful of some thirty arguments, and
            // converting them all cost more than rendering.
            foreach (var name in _variables)
            {
                if (values.TryGetValue(name, out var value))
                {
                    context.SetValue(name, TemplateValues.ToFluid(value));
                }
            }
        }

        try
        {
            return _template.Render(context, NullEncoder.Default);
        }
        catch (TemplateFilterException ex)
        {
            throw new TemplateRenderException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new TemplateRenderException("failed to render: " + ex.Message, ex);
        }
    }
}
