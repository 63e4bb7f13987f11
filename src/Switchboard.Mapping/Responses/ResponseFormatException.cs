namespace Switchboard.Mapping.Responses;

/// <summary>
/// A response body that cannot be read at all: not well-formed JSON or XML, or XML with a DTD.
/// <see cref="Reason"/> completes a sentence about the body: <c>"has a DTD (&lt;!DOCTYPE&gt;), which is refused"</c>.
/// </summary>
public sealed class ResponseFormatException : Exception
{
    public ResponseFormatException()
        : this("cannot be read")
    {
    }

    public ResponseFormatException(string reason)
        : base("The response body " + reason)
    {
        Reason = reason;
    }

    public ResponseFormatException(string reason, Exception innerException)
        : base("The response body " + reason, innerException)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
