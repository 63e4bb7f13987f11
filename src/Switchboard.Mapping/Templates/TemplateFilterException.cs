namespace Switchboard.Mapping.Templates;

/// <summary>A filter refusing its input; <see cref="CompiledTemplate"/> turns it into a <see cref="TemplateRenderException"/>.</summary>
internal sealed class TemplateFilterException(string message) : Exception(message);
