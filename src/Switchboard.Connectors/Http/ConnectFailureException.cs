namespace Switchboard.Connectors.Http;

/// <summary>
/// Thrown by the transport's connect callback with a reason a user can act on
/// ("connection refused by 127.0.0.1:5999", "127.0.0.1 is a private address; …"). HttpClient wraps
/// it in an <see cref="HttpRequestException"/>; the transport unwraps it.
/// </summary>
internal sealed class ConnectFailureException : IOException
{
    public ConnectFailureException(string reason, bool isSafetyRefusal, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        IsSafetyRefusal = isSafetyRefusal;
    }

    public string Reason { get; }

    /// <summary>True when the hub itself refused (a private address), not the network.</summary>
    public bool IsSafetyRefusal { get; }
}
