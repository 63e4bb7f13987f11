using Switchboard.Security.ApiKeys;

namespace Switchboard.Security.Tests.ApiKeys;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void A_generated_key_parses_back_to_its_id_and_secret()
    {
        var (id, secret, key) = ApiKeyFormat.Generate();

        ApiKeyFormat.TryParse(key, out var parsedId, out var parsedSecret).ShouldBeTrue();
        parsedId.ShouldBe(id);
        parsedSecret.ShouldBe(secret);
        ApiKeyFormat.Matches(secret, ApiKeyFormat.Hash(secret)).ShouldBeTrue();
        ApiKeyFormat.Matches(secret + "x", ApiKeyFormat.Hash(secret)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("sbk_")]
    [InlineData("sbk_short_secret")]
    [InlineData("Bearer abc")]
    [InlineData("sbk_0123456789ab_tooshort")]
    public void Malformed_keys_do_not_parse(string key)
    {
        ApiKeyFormat.TryParse(key, out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_corrupt_stored_hash_never_matches()
    {
        ApiKeyFormat.Matches("secret", "not-hex").ShouldBeFalse();
    }
}
