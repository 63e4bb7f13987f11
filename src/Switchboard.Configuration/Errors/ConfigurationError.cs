using System.Text;

namespace Switchboard.Configuration;

/// <summary>
/// One thing wrong with the configuration: the file (relative to the configuration directory, with
/// forward slashes), the 1-based line and column (0 when the error concerns a whole file or directory),
/// the field path (<c>operations.customer.findByPhone.method</c>; empty for YAML syntax errors), the
/// offending value as written (null when there is none, or when it may be a secret), and why it is wrong.
/// </summary>
public sealed record ConfigurationError(string File, int Line, int Column, string Field, string? Value, string Reason)
{
    /// <summary>
    /// <c>systems/crm.yaml:12:5: operations.customer.findByPhone.method: 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE</c>
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(':').Append(Line).Append(':').Append(Column);
        }

        if (text.Length > 0)
        {
            text.Append(": ");
        }

        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        if (Value is not null)
        {
            text.Append('\'').Append(Value).Append("' ");
        }

        return text.Append(Reason).ToString();
    }
}
