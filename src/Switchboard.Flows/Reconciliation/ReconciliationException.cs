namespace Switchboard.Flows.Reconciliation;

/// <summary>The request cannot be reconciled as asked: <see cref="Field"/> with <see cref="Value"/> and why. Nothing was sent.</summary>
public sealed class ReconciliationException(string field, string? value, string reason)
    : Exception(value is null ? $"{field}: {reason}" : $"{field}: '{value}' {reason}")
{
    public string Field { get; } = field;

    public string? Value { get; } = value;

    public string Reason { get; } = reason;
}
