using Switchboard.Configuration;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Webhooks;

/// <summary>What <see cref="WebhookMapper"/> made of one payload.</summary>
public sealed record WebhookMapResult
{
    public required WebhookMapOutcome Outcome { get; init; }

    /// <summary>The rule that matched; null when ignored.</summary>
    public WebhookRule? Rule { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="WebhookMapOutcome.Mapped"/>.</summary>
    public ContactCenterEvent? Event { get; init; }

    /// <summary>Our field that is missing or invalid.</summary>
    public string? Field { get; init; }

    /// <summary>Where the configuration reads that field from, as written (<c>CallSid</c>, <c>detail.contactId</c>).</summary>
    public string? VendorPath { get; init; }

    /// <summary>The vendor's value, when it is there but unreadable.</summary>
    public string? Value { get; init; }

    public string? Reason { get; init; }
}
