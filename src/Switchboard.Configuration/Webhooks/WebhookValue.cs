namespace Switchboard.Configuration;

/// <summary>
/// Where one of our fields comes from: one or more candidates, each a vendor path or a template; the
/// first candidate whose placeholders are all present in the payload gives the value.
/// </summary>
public sealed record WebhookValue(IReadOnlyList<WebhookTemplate> Candidates)
{
    /// <summary>The candidates as written, for messages: <c>CallSid</c> or <c>detail.systemEndpoint.address | detail.tags.aws:connect:systemEndpoint</c>.</summary>
    public override string ToString() => string.Join(" | ", Candidates.Select(candidate => candidate.Text));
}
