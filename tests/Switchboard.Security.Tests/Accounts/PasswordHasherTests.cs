using System.Security.Cryptography;
using System.Text;
using Switchboard.Security.Accounts;

namespace Switchboard.Security.Tests.Accounts;

public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void A_hash_names_its_algorithm_and_iterations_and_carries_a_16_byte_salt_and_32_byte_key()
    {
        var hash = new PasswordHasher(1_000).Hash(Password);

        var parts = hash.Split('$');
        parts.Length.ShouldBe(4);
        parts[0].ShouldBe("pbkdf2-sha256");
        parts[1].ShouldBe("1000");
        Convert.FromBase64String(parts[2]).Length.ShouldBe(16);
        Convert.FromBase64String(parts[3]).Length.ShouldBe(32);
    }

    [Fact]
    public void The_key_is_standard_PBKDF2_HMAC_SHA256_of_the_password_and_salt()
    {
        var parts = new PasswordHasher(1_000).Hash(Password).Split('$');

        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), Convert.FromBase64String(parts[2]), 1_000, HashAlgorithmName.SHA256, 32);

        Convert.FromBase64String(parts[3]).ShouldBe(expected);
    }

    [Fact]
    public void New_hashes_use_600000_iterations_by_default()
    {
        new AccountOptions().PasswordIterations.ShouldBe(600_000);
        var hasher = new PasswordHasher();

        var hash = hasher.Hash(Password);

        hash.ShouldStartWith("pbkdf2-sha256$600000$");
        hasher.Verify(Password, hash).ShouldBeTrue();
    }

    [Fact]
    public void The_right_password_verifies_and_a_wrong_one_does_not()
    {
        var hasher = new PasswordHasher(1_000);
        var hash = hasher.Hash(Password);

        hasher.Verify(Password, hash).ShouldBeTrue();
        hasher.Verify(Password + "!", hash).ShouldBeFalse();
        hasher.Verify("Correct horse battery staple", hash).ShouldBeFalse();
        hasher.Verify("", hash).ShouldBeFalse();
    }

    [Fact]
    public void The_same_password_gets_a_different_salt_each_time()
    {
        var hasher = new PasswordHasher(1_000);

        hasher.Hash(Password).ShouldNotBe(hasher.Hash(Password));
    }

    [Fact]
    public void A_hash_keeps_verifying_after_the_iteration_count_is_raised_and_asks_to_be_rehashed()
    {
        var old = new PasswordHasher(1_000).Hash(Password);
        var current = new PasswordHasher(2_000);

        current.Verify(Password, old).ShouldBeTrue();
        current.NeedsRehash(old).ShouldBeTrue();
        current.NeedsRehash(current.Hash(Password)).ShouldBeFalse();
        new PasswordHasher(500).NeedsRehash(old).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text")]
    [InlineData("bcrypt$10$abc$def")]
    [InlineData("pbkdf2-sha256$abc$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    public void A_malformed_stored_hash_never_verifies_and_asks_to_be_replaced(string stored)
    {
        var hasher = new PasswordHasher(1_000);

        hasher.Verify(Password, stored).ShouldBeFalse();
        hasher.NeedsRehash(stored).ShouldBeTrue();
    }

    [Fact]
    public void A_password_typed_in_full_width_characters_matches_the_same_password_in_half_width()
    {
        var hasher = new PasswordHasher(1_000);
        var hash = hasher.Hash("Agent7-Password");

        // What a Chinese input method in full-width mode produces for the same keys.
        hasher.Verify("Ａｇｅｎｔ７－Ｐａｓｓｗｏｒｄ", hash).ShouldBeTrue();
    }

    [Fact]
    public void A_Chinese_password_hashes_and_verifies()
    {
        var hasher = new PasswordHasher(1_000);
        var hash = hasher.Hash("我的密码是很长的一句话啊");

        hasher.Verify("我的密码是很长的一句话啊", hash).ShouldBeTrue();
        hasher.Verify("我的密码是很长的一句话吗", hash).ShouldBeFalse();
    }
}
