namespace Switchboard.Mapping.Templates;

/// <summary>A template that does not parse or uses a filter the engine does not have.</summary>
public sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException()
    {
    }

    public TemplateSyntaxException(string message)
        : base(message)
    {
    }

    public TemplateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
