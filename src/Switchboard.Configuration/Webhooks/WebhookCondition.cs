namespace Switchboard.Configuration;

/// <summary>One condition of a rule's <c>when</c>: the vendor field at <see cref="Path"/> equals one of <see cref="Values"/> (ordinal).</summary>
public sealed record WebhookCondition(string Path, IReadOnlyList<string> Values);
