namespace Switchboard.Configuration;

/// <summary>
/// One entry of a webhook's <c>events</c>: when every condition holds, the payload becomes an event of
/// <see cref="Type"/>. The rule's own <see cref="Fields"/> add to or replace the webhook's fields.
/// </summary>
public sealed record WebhookRule
{
    /// <summary>0-based position in <c>events</c>; rules are tried in this order.</summary>
    public required int Index { get; init; }

    /// <summary>Empty: the rule matches every payload.</summary>
    public IReadOnlyList<WebhookCondition> When { get; init; } = [];

    /// <summary>One of <see cref="Core.Events.EventTypes"/>.</summary>
    public required string Type { get; init; }

    public IReadOnlyDictionary<string, WebhookValue> Fields { get; init; } = new Dictionary<string, WebhookValue>();

    public IReadOnlyDictionary<string, WebhookValue> Attributes { get; init; } = new Dictionary<string, WebhookValue>();
}
