namespace Switchboard.Configuration;

/// <summary>
/// A piece of a <see cref="WebhookTemplate"/>: literal text, or a placeholder's vendor path with an
/// optional filter (<c>{detail.agentInfo.agentArn|afterLast:/}</c>).
/// </summary>
/// <param name="Text">The literal text, or the placeholder's path.</param>
/// <param name="IsPlaceholder">True for a placeholder.</param>
/// <param name="Filter">null, <c>lower</c>, <c>upper</c> or <c>afterLast</c>.</param>
/// <param name="FilterArgument">For <c>afterLast</c>: the separator.</param>
public readonly record struct WebhookTemplatePart(string Text, bool IsPlaceholder, string? Filter = null, string? FilterArgument = null)
{
    /// <summary>Applies the filter to a placeholder's value.</summary>
    public string Apply(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Filter)
        {
            case "lower":
                return value.ToLowerInvariant();
            case "upper":
                return value.ToUpperInvariant();
            case "afterLast":
                var at = value.LastIndexOf(FilterArgument!, StringComparison.Ordinal);
                return at < 0 ? value : value[(at + FilterArgument!.Length)..];
            default:
                return value;
        }
    }
}
