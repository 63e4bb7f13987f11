using Switchboard.Configuration;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;

namespace Switchboard.Connectors.Rest;

/// <summary>
/// Finds the reason a system gave in an error body. The operation's <c>errorReason</c> paths are
/// tried first, then the shapes most APIs use (RFC 9457 problem details, OAuth errors, OData errors,
/// <c>{ "error": { "message" } }</c>, SOAP faults); otherwise the start of the body.
/// </summary>
internal static class ErrorReasons
{
    private const int MaxReasonChars = 300;

    private static readonly string[] CommonJsonPaths =
    [
        "$.error.message.value", "$.error.message", "$.error_description", "$.detail", "$.title",
        "$.message", "$.errors[0].message", "$.errors[0].detail", "$.error",
    ];

    private static readonly string[] CommonXmlPaths =
    [
        "//*[local-name()='Fault']/*[local-name()='Reason']/*[local-name()='Text']", "//faultstring", "//*[local-name()='message']",
    ];

    public static string? Find(OperationDefinition operation, string body, string? contentType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var namespaces = operation.Response?.Namespaces ?? new Dictionary<string, string>();
        ResponseDocument document;
        try
        {
            document = ResponseDocument.Parse(body, ResponseFormat.Auto, contentType);
        }
        catch (ResponseFormatException)
        {
            return Shorten(body.Trim());
        }

        foreach (var path in operation.ErrorReason.Concat(document.IsXml ? CommonXmlPaths : CommonJsonPaths))
        {
            if (document.IsXml == !path.StartsWith('$') && Select(document, path, namespaces) is { Length: > 0 } reason)
            {
                return Shorten(reason);
            }
        }

        return Shorten(body.Trim());
    }

    private static string? Select(ResponseDocument document, string path, IReadOnlyDictionary<string, string> namespaces)
    {
        try
        {
            return document.SelectText(path, namespaces)?.Trim();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Newtonsoft.Json.JsonException or System.Xml.XPath.XPathException)
        {
            return null;
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return oneLine.Length <= MaxReasonChars ? oneLine : oneLine[..MaxReasonChars] + "…";
    }
}
