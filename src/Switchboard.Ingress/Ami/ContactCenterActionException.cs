namespace Switchboard.Ingress.Ami;

/// <summary>The contact center could not do what was asked: not connected, an unknown agent, or its own refusal (the message says which).</summary>
public sealed class ContactCenterActionException : Exception
{
    public ContactCenterActionException()
    {
    }

    public ContactCenterActionException(string message)
        : base(message)
    {
    }

    public ContactCenterActionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
