namespace Switchboard.Ingress.Webhooks;

/// <summary>A form post: a path is a parameter name, matched exactly; a repeated name reads its first value.</summary>
internal sealed class FormWebhookPayload(IReadOnlyList<KeyValuePair<string, string>> parameters) : WebhookPayload
{
    public override IReadOnlyList<KeyValuePair<string, string>> Parameters => parameters;

    public override string? Read(string path)
    {
        foreach (var (name, value) in parameters)
        {
            if (string.Equals(name, path, StringComparison.Ordinal))
            {
                return string.IsNullOrWhiteSpace(value) ? null : value;
            }
        }

        return null;
    }

    /// <summary>
    /// Splits and decodes the body ourselves rather than with QueryHelpers, whose dictionary ignores case
    /// and loses order: the signature covers names exactly as sent.
    /// </summary>
    public static List<KeyValuePair<string, string>> Parse(string body)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            parameters.Add(new KeyValuePair<string, string>(Decode(name), Decode(value)));
        }

        return parameters;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
