namespace Switchboard.Ingress.Ami;

/// <summary>Asterisk answered an action with <c>Response: Error</c> (or no success); <see cref="Exception.Message"/> carries its <c>Message:</c>.</summary>
public sealed class AmiActionException : Exception
{
    public AmiActionException(string action, string? asteriskMessage)
        : base($"AMI {action} failed: {(string.IsNullOrWhiteSpace(asteriskMessage) ? "Asterisk gave no reason" : asteriskMessage)}")
    {
        Action = action;
        AsteriskMessage = asteriskMessage;
    }

    public AmiActionException()
        : this("action", (string?)null)
    {
    }

    public AmiActionException(string message)
        : base(message)
    {
        Action = "action";
    }

    public AmiActionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Action = "action";
    }

    /// <summary>The action that failed, e.g. <c>Login</c>, <c>Originate</c>, <c>QueuePause</c>.</summary>
    public string Action { get; }

    /// <summary>Asterisk's own words, e.g. <c>Authentication failed</c>, <c>Originate failed</c>, <c>Interface not found</c>.</summary>
    public string? AsteriskMessage { get; }
}
