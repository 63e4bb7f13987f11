using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Security.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 (RFC 8018) with a random 16-byte salt and a 32-byte key, stored as
/// <c>pbkdf2-sha256$600000$&lt;salt base64&gt;$&lt;key base64&gt;</c>. The iteration count travels with
/// the hash, so raising it later still verifies old hashes and <see cref="NeedsRehash"/> tells the
/// caller to upgrade them. Keys are compared in constant time.
/// </summary>
/// <remarks>
/// Passwords are normalized to Unicode NFKC before hashing (NIST SP 800-63B 5.1.1.2), so the same
/// password typed with full-width characters from a Chinese input method, or composed differently
/// by another keyboard, still matches.
/// </remarks>
public sealed class PasswordHasher : IPasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    public const int DefaultIterations = 600_000;
    public const int SaltBytes = 16;
    public const int KeyBytes = 32;

    public PasswordHasher(AccountOptions options)
        : this(options?.PasswordIterations ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
    }

    /// <summary>The iteration count new hashes get.</summary>
    public int Iterations { get; }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Derive(password, salt, Iterations, KeyBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    public bool Verify(string password, string encodedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encodedHash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public bool NeedsRehash(string encodedHash) =>
        !TryParse(encodedHash, out var iterations, out var salt, out var key)
        || iterations < Iterations
        || salt.Length < SaltBytes
        || key.Length < KeyBytes;

    private static byte[] Derive(string password, byte[] salt, int iterations, int length)
    {
        var normalized = Normalize(password);
        return Rfc2898DeriveBytes.Pbkdf2(normalized.AsSpan(), salt, iterations, HashAlgorithmName.SHA256, length);
    }

    private static string Normalize(string password)
    {
        try
        {
            return password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate) cannot be normalized; new passwords are refused for
            // it by PasswordPolicy, and a presented one is hashed as it is and simply fails to match.
            return password;
        }
    }

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] key)
    {
        iterations = 0;
        salt = key = [];
        var parts = encoded?.Split('$');
        if (parts is not { Length: 4 } || !string.Equals(parts[0], Algorithm, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            key = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && key.Length is >= 16 and <= 64;
    }
}
