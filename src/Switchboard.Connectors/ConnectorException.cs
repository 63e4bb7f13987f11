namespace Switchboard.Connectors;

/// <summary>
/// An operation call failed. The message always names the system and operation, and for mapping
/// failures the field and the offending value: <c>demo-erp order.get: field 'total': value "12,50" is not a decimal number</c>.
/// Secrets never appear in it.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string system, string operation, ConnectorFailureKind kind, string reason, Exception? inner = null)
        : base(Describe(system, operation, null, null, reason), inner)
    {
        System = system;
        Operation = operation;
        Kind = kind;
        Reason = reason;
    }

    public ConnectorException(string system, string operation, string field, string? value, string reason, Exception? inner = null)
        : base(Describe(system, operation, field, value, reason), inner)
    {
        System = system;
        Operation = operation;
        Kind = ConnectorFailureKind.Mapping;
        Field = field;
        Value = value;
        Reason = reason;
    }

    public string System { get; }

    public string Operation { get; }

    public ConnectorFailureKind Kind { get; }

    /// <summary>The reason alone, without system and operation.</summary>
    public string Reason { get; }

    /// <summary>Mapping failures: the canonical field (dotted, with list indexes: <c>lines[2].quantity</c>).</summary>
    public string? Field { get; init; }

    /// <summary>Mapping failures: the offending value as the system sent it (shortened).</summary>
    public string? Value { get; init; }

    /// <summary>The HTTP status of the last attempt, when there was an answer.</summary>
    public int? Status { get; init; }

    /// <summary>Attempts made, including the first.</summary>
    public int Attempts { get; init; } = 1;

    private static string Describe(string system, string operation, string? field, string? value, string reason) =>
        field is null
            ? $"{system} {operation}: {reason}"
            : value is null
                ? $"{system} {operation}: field '{field}' {reason}"
                : $"{system} {operation}: field '{field}': value \"{value}\" {reason}";
}
