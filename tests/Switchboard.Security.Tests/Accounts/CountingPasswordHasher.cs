using Switchboard.Security.Accounts;

namespace Switchboard.Security.Tests.Accounts;

/// <summary>The real <see cref="PasswordHasher"/>, counting how often it derives a key.</summary>
internal sealed class CountingPasswordHasher(int iterations) : IPasswordHasher
{
    private readonly PasswordHasher _inner = new(iterations);
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string Hash(string password) => _inner.Hash(password);

    public bool Verify(string password, string encodedHash)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.Verify(password, encodedHash);
    }

    public bool NeedsRehash(string encodedHash) => _inner.NeedsRehash(encodedHash);
}
