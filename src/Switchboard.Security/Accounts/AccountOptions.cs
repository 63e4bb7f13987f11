using System.ComponentModel.DataAnnotations;

namespace Switchboard.Security.Accounts;

/// <summary>How passwords are hashed and when repeated failures lock an account.</summary>
public sealed class AccountOptions
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for new hashes; OWASP's 2023 advice is 600,000. Hashes made with
    /// fewer are upgraded at the next successful sign-in. Values below the default are for tests only.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int PasswordIterations { get; set; } = PasswordHasher.DefaultIterations;

    /// <summary>Consecutive failed sign-ins that lock the account.</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Every out-of-range setting at once, as <c>Field: reason</c> lines; empty when all are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames))];
    }
}
