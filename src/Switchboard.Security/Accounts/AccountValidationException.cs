using Switchboard.Core.Common;

namespace Switchboard.Security.Accounts;

/// <summary>
/// An account could not be created or changed: <see cref="Errors"/> lists every field at fault with
/// its reason (a password's value is never included). Endpoints return them as problem details.
/// </summary>
public sealed class AccountValidationException : Exception
{
    public AccountValidationException(IReadOnlyList<FieldError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; }

    private static string Describe(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "The account is not valid: " + string.Join("; ", errors);
    }
}
