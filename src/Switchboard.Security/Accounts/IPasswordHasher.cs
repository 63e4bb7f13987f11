namespace Switchboard.Security.Accounts;

/// <summary>Turns passwords into stored hashes and checks them. <see cref="PasswordHasher"/> is the implementation.</summary>
public interface IPasswordHasher
{
    /// <summary>A new salted hash of <paramref name="password"/> in the hasher's self-describing format.</summary>
    string Hash(string password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="encodedHash"/>; false (never an exception) for a malformed hash.</summary>
    bool Verify(string password, string encodedHash);

    /// <summary>Whether <paramref name="encodedHash"/> was made with weaker settings than new hashes get.</summary>
    bool NeedsRehash(string encodedHash);
}
