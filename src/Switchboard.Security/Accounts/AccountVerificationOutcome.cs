namespace Switchboard.Security.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum AccountVerificationOutcome
{
    Succeeded,
    /// <summary>Unknown username or wrong password: deliberately one outcome, so a caller cannot tell which.</summary>
    InvalidCredentials,
    /// <summary>Too many consecutive failures; every attempt is refused until <see cref="AccountVerification.LockedUntil"/>.</summary>
    LockedOut,
    /// <summary>The password was right but the account is disabled.</summary>
    Disabled,
}
