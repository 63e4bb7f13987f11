using System.Data.Common;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Common;

namespace Switchboard.Security.Accounts;

/// <summary>Creates local agent accounts and signs agents in, with lockout after repeated failures.</summary>
/// <remarks>
/// An unknown username costs the same key derivation as a wrong password (against a dummy hash), so
/// neither the answer nor the time it takes tells a caller which usernames exist. Hashes made with
/// fewer iterations than <see cref="AccountOptions.PasswordIterations"/> are upgraded on the next
/// successful sign-in, when the plain password is at hand.
/// </remarks>
public sealed partial class AccountService(
    AccountStore store, IPasswordHasher hasher, AccountOptions options, TimeProvider clock, ILogger<AccountService> logger)
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxAgentIdLength = 64;
    public const string UsernameRule = "must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit";

    private readonly Lazy<string> _dummyHash = new(() => hasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));

    /// <summary>The roles a person signing in may hold: every role but <see cref="Roles.System"/>, which is for API keys.</summary>
    public static IReadOnlyList<string> AssignableRoles { get; } = [.. Roles.All.Where(r => r != Roles.System)];

    /// <summary>Every problem with the fields of a new account that can be seen without the database.</summary>
    public static IReadOnlyList<FieldError> Validate(string? username, string? displayName, string? agentId, string? role, string? password)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(username))
        {
            errors.Add(new FieldError("username", null, "is required"));
        }
        else if (!UsernamePattern().IsMatch(username))
        {
            errors.Add(new FieldError("username", Shorten(username), UsernameRule));
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(new FieldError("displayName", null, "is required"));
        }
        else if (displayName.Length > MaxDisplayNameLength)
        {
            errors.Add(new FieldError("displayName", Shorten(displayName), $"is longer than {MaxDisplayNameLength} characters"));
        }

        if (string.IsNullOrEmpty(agentId))
        {
            errors.Add(new FieldError("agentId", null, "is required"));
        }
        else if (agentId.Length > MaxAgentIdLength)
        {
            errors.Add(new FieldError("agentId", Shorten(agentId), $"is longer than {MaxAgentIdLength} characters"));
        }
        else if (agentId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(new FieldError("agentId", agentId, "must not contain spaces or control characters"));
        }

        if (role is null || !AssignableRoles.Contains(role, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("role", role, $"is not a role an account can hold; roles are {string.Join(", ", AssignableRoles)}"));
        }

        if (PasswordPolicy.Check(password) is { } reason)
        {
            errors.Add(new FieldError("password", null, reason));
        }

        return errors;
    }

    /// <summary>Creates an account; throws <see cref="AccountValidationException"/> listing every bad field, duplicates included.</summary>
    public async Task<AgentAccount> CreateAsync(
        string username, string displayName, string agentId, string role, string password, CancellationToken ct)
    {
        var errors = Validate(username, displayName, agentId, role, password).ToList();
        var checkUsername = errors.TrueForAll(e => e.Field != "username");
        var checkAgentId = errors.TrueForAll(e => e.Field != "agentId");
        errors.AddRange(await FindDuplicatesAsync(checkUsername ? username : null, checkAgentId ? agentId : null, ct));
        if (errors.Count > 0)
        {
            throw new AccountValidationException(errors);
        }

        var account = new AgentAccount
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Username = username.ToLowerInvariant(),
            DisplayName = displayName.Trim(),
            AgentId = agentId,
            Role = role,
            PasswordHash = hasher.Hash(password),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()),
        };
        try
        {
            await store.InsertAsync(account, ct);
        }
        catch (DbException)
        {
            // Another request took the username or agent id between the check and the insert.
            var duplicates = await FindDuplicatesAsync(username, agentId, ct);
            if (duplicates.Count > 0)
            {
                throw new AccountValidationException(duplicates);
            }

            throw;
        }

        logger.Created(account.Username, account.AgentId, account.Role);
        return account;
    }

    /// <summary>Checks a sign-in. Never throws for bad input: every refusal is an <see cref="AccountVerification"/>.</summary>
    public async Task<AccountVerification> VerifyAsync(string? username, string? password, CancellationToken ct)
    {
        password ??= string.Empty;
        var name = username is not null && UsernamePattern().IsMatch(username) ? username.ToLowerInvariant() : null;
        var account = name is null || password.Length > PasswordPolicy.MaxLength * 2
            ? null
            : await store.FindByUsernameAsync(name, ct);
        if (account is null)
        {
            // Same work as a real check, so the time taken does not reveal that the name is unknown.
            hasher.Verify(password, _dummyHash.Value);
            logger.SignInRefused(name ?? "(not a valid username)", "unknown username");
            return AccountVerification.InvalidCredentials;
        }

        var now = clock.GetUtcNow();
        if (account.IsLockedAt(now))
        {
            logger.SignInRefused(account.Username, "locked");
            return AccountVerification.LockedOut(account.LockedUntil!.Value);
        }

        var attempt = await store.BeginAttemptAsync(account.Id, now, ct);
        if (attempt is null)
        {
            // Locked by a concurrent attempt since it was read.
            var current = await store.GetAsync(account.Id, ct);
            logger.SignInRefused(account.Username, "locked");
            return AccountVerification.LockedOut(current?.LockedUntil ?? now + options.LockoutDuration);
        }

        if (attempt > options.MaxFailedLogins)
        {
            // A burst of parallel attempts overtook the one that reached the limit.
            return await LockAsync(account, now, attempt.Value, AccountVerification.LockedOut(now + options.LockoutDuration), ct);
        }

        if (!hasher.Verify(password, account.PasswordHash))
        {
            logger.SignInRefused(account.Username, "wrong password");
            return attempt == options.MaxFailedLogins
                ? await LockAsync(account, now, attempt.Value, AccountVerification.InvalidCredentials, ct)
                : AccountVerification.InvalidCredentials;
        }

        if (account.IsDisabled)
        {
            await store.ResetFailuresAsync(account.Id, ct);
            logger.SignInRefused(account.Username, "disabled");
            return AccountVerification.Disabled;
        }

        if (hasher.NeedsRehash(account.PasswordHash))
        {
            account = account with { PasswordHash = hasher.Hash(password) };
            await store.SetPasswordHashAsync(account.Id, account.PasswordHash, ct);
            logger.Rehashed(account.Username);
        }
        else
        {
            await store.ResetFailuresAsync(account.Id, ct);
        }

        logger.SignedIn(account.Username);
        return AccountVerification.Success(account with { FailedLogins = 0, LockedUntil = null });
    }

    /// <summary>The account with this id (a session's subject), or null.</summary>
    public Task<AgentAccount?> GetAsync(string id, CancellationToken ct) => store.GetAsync(id, ct);

    /// <summary>The account with this username in any case, or null.</summary>
    public Task<AgentAccount?> FindAsync(string username, CancellationToken ct) =>
        store.FindByUsernameAsync(username.ToLowerInvariant(), ct);

    public Task<IReadOnlyList<AgentAccount>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <summary>Disables the account: it can no longer sign in. False when no enabled account has that username.</summary>
    public async Task<bool> DisableAsync(string username, CancellationToken ct)
    {
        if (await FindAsync(username, ct) is not { } account
            || !await store.DisableAsync(account.Id, clock.GetUtcNow(), ct))
        {
            return false;
        }

        logger.Disabled(account.Username);
        return true;
    }

    /// <summary>
    /// Sets a new password and lifts any lockout. False when the username is unknown; throws
    /// <see cref="AccountValidationException"/> when the password breaks <see cref="PasswordPolicy"/>.
    /// </summary>
    public async Task<bool> SetPasswordAsync(string username, string password, CancellationToken ct)
    {
        if (PasswordPolicy.Check(password) is { } reason)
        {
            throw new AccountValidationException([new FieldError("password", null, reason)]);
        }

        if (await FindAsync(username, ct) is not { } account
            || !await store.SetPasswordHashAsync(account.Id, hasher.Hash(password), ct))
        {
            return false;
        }

        logger.PasswordSet(account.Username);
        return true;
    }

    private async Task<AccountVerification> LockAsync(
        AgentAccount account, DateTimeOffset now, int failures, AccountVerification result, CancellationToken ct)
    {
        var until = now + options.LockoutDuration;
        await store.LockAsync(account.Id, until, ct);
        logger.LockedOut(account.Username, until, failures);
        return result;
    }

    private async Task<List<FieldError>> FindDuplicatesAsync(string? username, string? agentId, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (username is not null && await store.FindByUsernameAsync(username.ToLowerInvariant(), ct) is not null)
        {
            errors.Add(new FieldError("username", username.ToLowerInvariant(), "is already taken"));
        }

        if (agentId is not null && await store.FindActiveByAgentIdAsync(agentId, ct) is { } holder)
        {
            errors.Add(new FieldError("agentId", agentId, $"is already assigned to account '{holder.Username}'"));
        }

        return errors;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@-]{1,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
