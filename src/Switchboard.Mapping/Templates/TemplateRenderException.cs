namespace Switchboard.Mapping.Templates;

/// <summary>A template that parsed but failed while rendering, for example a filter given a value it cannot use.</summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException()
    {
    }

    public TemplateRenderException(string message)
        : base(message)
    {
    }

    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
