namespace Switchboard.Core.Customers;

/// <summary>A way to reach a customer. Phones are kept in E.164, emails lower-cased.</summary>
public sealed record ContactPoint(ContactPointKind Kind, string Value, string? Label = null, bool IsPrimary = false);
