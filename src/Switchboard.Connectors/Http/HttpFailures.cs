using System.Globalization;
using System.Security.Authentication;

namespace Switchboard.Connectors.Http;

/// <summary>Turns what HttpClient throws into a reason a user can act on.</summary>
internal static class HttpFailures
{
    /// <summary>The kind (Transport, or Safety for a refused private address) and reason of a failed exchange.</summary>
    /// <param name="exception">What HttpClient threw.</param>
    /// <param name="tlsRefusal">Asks the certificate check why it refused the server, for TLS failures.</param>
    /// <param name="uri">The request's address; over https an early close gets a hint about client certificates.</param>
    /// <param name="sentClientCertificate">Whether the connection offered a client certificate.</param>
    public static (ConnectorFailureKind Kind, string Reason) Describe(Exception exception, Func<string?>? tlsRefusal, Uri? uri = null, bool sentClientCertificate = false)
    {
        if (Find<ConnectFailureException>(exception) is { } connect)
        {
            return (connect.IsSafetyRefusal ? ConnectorFailureKind.Safety : ConnectorFailureKind.Transport, connect.Reason);
        }

        var innermost = Innermost(exception).Message.TrimEnd('.');
        if (Find<AuthenticationException>(exception) is not null
            || exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
        {
            return (ConnectorFailureKind.Transport, tlsRefusal?.Invoke() is { } refusal
                ? $"TLS: {refusal}"
                : $"the TLS handshake failed: {innermost}");
        }

        var reason = exception is HttpRequestException http
            ? http.HttpRequestError switch
            {
                // With TLS 1.3 a server that refuses the client certificate does so after the handshake,
                // and the client sees only the connection closing.
                HttpRequestError.ResponseEnded when uri?.Scheme == Uri.UriSchemeHttps => sentClientCertificate
                    ? "the connection closed before a complete answer arrived (over TLS this is also how a server refuses a client certificate it does not accept)"
                    : "the connection closed before a complete answer arrived (over TLS this is also how a server refuses a call without a client certificate; use auth type mtls if it requires one)",
                HttpRequestError.ResponseEnded => "the connection closed before a complete answer arrived",
                HttpRequestError.InvalidResponse => $"the answer is not valid HTTP ({innermost})",
                HttpRequestError.NameResolutionError => $"the host name could not be resolved ({innermost})",
                HttpRequestError.ConnectionError => $"the connection failed ({innermost})",
                _ => innermost,
            }
            : $"the connection broke ({innermost})";
        return (ConnectorFailureKind.Transport, reason);
    }

    /// <summary>Seconds as a user writes them: "5", "0.5", "2.25".</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
