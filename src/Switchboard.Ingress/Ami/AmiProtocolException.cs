namespace Switchboard.Ingress.Ami;

/// <summary>The peer does not speak AMI (no <c>Asterisk Call Manager/</c> banner) or broke the protocol beyond recovery.</summary>
public sealed class AmiProtocolException : IOException
{
    public AmiProtocolException()
    {
    }

    public AmiProtocolException(string message)
        : base(message)
    {
    }

    public AmiProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
