namespace Switchboard.Security.Accounts;

/// <summary>
/// What a new password must be: long enough to resist guessing, short enough to bound the work of
/// hashing it. Length counts characters (Unicode scalar values), so a Chinese password of twelve
/// characters is as long as a Latin one. No composition rules: NIST SP 800-63B advises against them.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="password"/> is refused, or null when it is acceptable. Never echoes the password.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "is required";
        }

        var length = 0;
        for (var i = 0; i < password.Length; i++, length++)
        {
            if (char.IsHighSurrogate(password[i]) && i + 1 < password.Length && char.IsLowSurrogate(password[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(password[i]))
            {
                return "contains an invalid character";
            }
        }

        if (length < MinLength)
        {
            return $"must be at least {MinLength} characters";
        }

        return length > MaxLength ? $"must be at most {MaxLength} characters" : null;
    }
}
