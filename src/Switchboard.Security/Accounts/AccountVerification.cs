namespace Switchboard.Security.Accounts;

/// <summary>
/// The outcome of a sign-in attempt. <see cref="Failure"/> is safe to show the person signing in;
/// an unknown username and a wrong password give the very same (equal) result.
/// </summary>
public sealed record AccountVerification(
    AccountVerificationOutcome Outcome, AgentAccount? Account, DateTimeOffset? LockedUntil, string? Failure)
{
    public static AccountVerification InvalidCredentials { get; } =
        new(AccountVerificationOutcome.InvalidCredentials, null, null, "The username or password is incorrect.");

    public static AccountVerification Disabled { get; } =
        new(AccountVerificationOutcome.Disabled, null, null, "The account is disabled.");

    public bool Succeeded => Outcome == AccountVerificationOutcome.Succeeded;

    public static AccountVerification Success(AgentAccount account) =>
        new(AccountVerificationOutcome.Succeeded, account, null, null);

    public static AccountVerification LockedOut(DateTimeOffset until) =>
        new(AccountVerificationOutcome.LockedOut, null, until,
            $"Too many failed sign-ins: the account is locked until {until.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture)}.");
}
