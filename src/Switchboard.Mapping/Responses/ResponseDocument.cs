using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Switchboard.Mapping.Validation;

namespace Switchboard.Mapping.Responses;

/// <summary>
/// A response body parsed once and queried by paths: JSONPath (Newtonsoft.Json) for JSON, XPath 1.0
/// for XML. JSON keeps dates as the text the system sent and reads fractions as decimals; XML with a
/// DTD is refused, so entity expansion ("billion laughs") and external entities cannot happen.
/// </summary>
public sealed class ResponseDocument
{
    private ResponseDocument(JToken? json, XPathNavigator? xml)
    {
        Json = json;
        Xml = xml;
    }

    public bool IsXml => Xml is not null;

    /// <summary>True for an empty body or a JSON <c>null</c>: there is nothing to map.</summary>
    public bool IsEmpty => Xml is null && (Json is null || Json.Type == JTokenType.Null);

    internal JToken? Json { get; }

    internal XPathNavigator? Xml { get; }

    /// <summary>
    /// Parses <paramref name="body"/>. With <see cref="ResponseFormat.Auto"/> it is XML when
    /// <paramref name="contentType"/> is <c>*/xml</c> or <c>*+xml</c> or the body starts with '&lt;', else JSON.
    /// An empty body is an empty document in any format.
    /// </summary>
    /// <exception cref="ResponseFormatException">The body is not well-formed, or is XML with a DTD.</exception>
    public static ResponseDocument Parse(string body, ResponseFormat format, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ResponseDocument(null, null);
        }

        var xml = format switch
        {
            ResponseFormat.Xml => true,
            ResponseFormat.Json => false,
            _ => IsXmlMediaType(contentType) || body.AsSpan().TrimStart().StartsWith("<", StringComparison.Ordinal),
        };
        return xml ? ParseXml(body) : ParseJson(body);
    }

    public static ResponseDocument FromJson(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ResponseDocument(token, null);
    }

    /// <summary>
    /// The first match of <paramref name="path"/> from the root as text (an error message, a cursor, a
    /// next link), or null when nothing matches or the match is null.
    /// </summary>
    public string? SelectText(string path, IReadOnlyDictionary<string, string> namespaces)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(namespaces);
        if (Xml is not null)
        {
            var manager = XPathNamespaces.Create(namespaces, Xml.NameTable);
            return XmlPaths.SelectValue(Xml, path, manager) is { Type: not JTokenType.Null } value ? TokenText(value) : null;
        }

        if (Json is null)
        {
            return null;
        }

        var token = JsonPaths.SelectFirst(Json, path);
        return token is null || token.Type == JTokenType.Null ? null : TokenText(token);
    }

    internal static string TokenText(JToken token) => token switch
    {
        JValue { Type: JTokenType.String } text => (string)text.Value!,
        JValue { Type: JTokenType.Boolean } flag => (bool)flag.Value! ? "true" : "false",
        JValue { Value: IFormattable number } => number.ToString(null, CultureInfo.InvariantCulture),
        JValue value => value.Value?.ToString() ?? string.Empty,
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    private static bool IsXmlMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    private static ResponseDocument ParseJson(string body)
    {
        try
        {
            return new ResponseDocument(ReadJson(body, FloatParseHandling.Decimal), null);
        }
        catch (JsonReaderException ex) when (ex.Message.Contains("valid decimal", StringComparison.Ordinal))
        {
            // A number beyond decimal's range (1e30): read the body again with doubles rather than refuse it.
            return ParseJsonWithDoubles(body);
        }
        catch (JsonReaderException ex)
        {
            throw InvalidJson(ex);
        }
    }

    private static ResponseDocument ParseJsonWithDoubles(string body)
    {
        try
        {
            return new ResponseDocument(ReadJson(body, FloatParseHandling.Double), null);
        }
        catch (JsonReaderException ex)
        {
            throw InvalidJson(ex);
        }
    }

    private static JToken ReadJson(string body, FloatParseHandling floats)
    {
        using var reader = new JsonTextReader(new StringReader(body))
        {
            ArrayPool = SharedCharPool.Instance,
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = floats,
            MaxDepth = 128,
        };
        var token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Ignore });
        while (reader.Read())
        {
            if (reader.TokenType == JsonToken.Comment)
            {
                continue;
            }

            throw new ResponseFormatException(
                $"is not valid JSON at line {reader.LineNumber}, position {reader.LinePosition}: there is more after the first value");
        }

        return token;
    }

    private static ResponseFormatException InvalidJson(JsonReaderException ex) =>
        new($"is not valid JSON at line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}", ex);

    private static ResponseDocument ParseXml(string body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 10_000,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), settings);
            return new ResponseDocument(null, new XPathDocument(reader).CreateNavigator());
        }
        catch (XmlException ex)
        {
            if (body.Contains("<!DOCTYPE", StringComparison.Ordinal))
            {
                throw new ResponseFormatException("has a DTD (<!DOCTYPE>), which is refused", ex);
            }

            throw new ResponseFormatException(
                $"is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}", ex);
        }
    }

    // Newtonsoft and System.Xml append the position to their messages; it is reported separately.
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path '", " Line ", ", line " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.Trim().TrimEnd('.', ',');
    }
}
