using Microsoft.Extensions.Logging;

namespace Switchboard.Security.Accounts;

/// <summary>Log messages of the agent accounts, event ids 12100–12199. Passwords and hashes are never logged.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(EventId = 12100, Level = LogLevel.Information, Message = "Account {Username} signed in")]
    public static partial void SignedIn(this ILogger logger, string username);

    [LoggerMessage(EventId = 12101, Level = LogLevel.Warning, Message = "Sign-in refused for {Username}: {Reason}")]
    public static partial void SignInRefused(this ILogger logger, string username, string reason);

    [LoggerMessage(EventId = 12102, Level = LogLevel.Warning,
        Message = "Account {Username} locked until {LockedUntil} after {Failures} failed sign-ins")]
    public static partial void LockedOut(this ILogger logger, string username, DateTimeOffset lockedUntil, int failures);

    [LoggerMessage(EventId = 12103, Level = LogLevel.Information,
        Message = "Account {Username} created for agent {AgentId} with role {Role}")]
    public static partial void Created(this ILogger logger, string username, string agentId, string role);

    [LoggerMessage(EventId = 12104, Level = LogLevel.Information, Message = "Account {Username} disabled")]
    public static partial void Disabled(this ILogger logger, string username);

    [LoggerMessage(EventId = 12105, Level = LogLevel.Information, Message = "Password of account {Username} set; any lockout lifted")]
    public static partial void PasswordSet(this ILogger logger, string username);

    [LoggerMessage(EventId = 12106, Level = LogLevel.Information,
        Message = "Password hash of account {Username} upgraded to the current settings")]
    public static partial void Rehashed(this ILogger logger, string username);
}
