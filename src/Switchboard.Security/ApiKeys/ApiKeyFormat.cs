using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Security.ApiKeys;

/// <summary>
/// Keys look like <c>sbk_3f9c1a2b7d4e_Q2x...</c>: a prefix that secret scanners can spot, a public id used to
/// find the stored row, and 32 random bytes. Because the secret is random and long, a single SHA-256
/// is the right hash (a slow password KDF adds nothing against 256 bits of entropy, and would cost
/// every request); comparisons are constant-time.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "sbk_";
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    public static (string Id, string Secret, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = secret = string.Empty;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != IdBytes * 2 || rest.Length - separator - 1 < 40)
        {
            return false;
        }

        id = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
