using Switchboard.Core.Phones;

namespace Switchboard.Core.Tests.Phones;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("US", "(415) 555-0134", "+14155550134")]
    [InlineData("US", "415.555.0134", "+14155550134")]
    [InlineData("US", "1-415-555-0134", "+14155550134")]
    [InlineData("US", "+1 415 555 0134", "+14155550134")]
    [InlineData("US", "011 44 20 7946 0958", "+442079460958")]
    [InlineData("GB", "020 7946 0958", "+442079460958")]
    [InlineData("GB", "00 44 20 7946 0958", "+442079460958")]
    [InlineData("GB", "+44 (0)20 7946 0958", "+442079460958")]
    [InlineData("CN", "138 0013 8000", "+8613800138000")]
    [InlineData("CN", "+86 138-0013-8000", "+8613800138000")]
    [InlineData("CN", "010 6552 9988", "+861065529988")]
    [InlineData("CN", "8613800138000", "+8613800138000")] // an ERP's digits-only format with the country code
    [InlineData("DE", "030 901820", "+4930901820")]
    [InlineData("US", "sip:+14155550134@pbx.example.com;user=phone", "+14155550134")]
    [InlineData("US", "tel:+1-415-555-0134", "+14155550134")]
    public void Numbers_in_common_notations_become_E164(string region, string input, string expected)
    {
        var result = new PhoneNormalizer(region).Normalize(input);

        result.Status.ShouldBe(PhoneNormalizationStatus.Valid, result.Error);
        result.E164.ShouldBe(expected);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Restricted")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("unavailable")]
    public void Withheld_numbers_are_recognised(string? input)
    {
        new PhoneNormalizer("US").Normalize(input).Status.ShouldBe(PhoneNormalizationStatus.Withheld);
    }

    [Theory]
    [InlineData("12", "too short")]
    [InlineData("hello", "not a phone number")]
    [InlineData("+1 415 555 01345678901", "too long")]
    [InlineData("+999 1234 5678", "country code")]
    [InlineData("(415) 555-01", "too short")]
    public void Bad_numbers_are_refused_with_the_reason(string input, string reason)
    {
        var result = new PhoneNormalizer("US").Normalize(input);

        result.Status.ShouldBe(PhoneNormalizationStatus.Invalid);
        result.E164.ShouldBeNull();
        result.Error!.ShouldContain(reason);
    }

    [Fact]
    public void A_region_can_be_given_per_call()
    {
        new PhoneNormalizer("US").Normalize("020 7946 0958", "GB").E164.ShouldBe("+442079460958");
    }

    [Fact]
    public void An_unknown_default_region_is_refused()
    {
        Should.Throw<ArgumentException>(() => new PhoneNormalizer("XX")).Message.ShouldContain("'XX'");
    }
    [Fact]
    public void A_remembered_outcome_belongs_to_its_input_and_region()
    {
        // The same text read in two regions, and by normalizers of two default regions, stays apart.
        var us = new PhoneNormalizer("US");
        var gb = new PhoneNormalizer("GB");
        for (var round = 0; round < 2; round++)
        {
            us.Normalize("020 7946 0958").Status.ShouldBe(PhoneNormalizationStatus.Invalid);
            gb.Normalize("020 7946 0958").E164.ShouldBe("+442079460958");
            us.Normalize("020 7946 0958", "gb").E164.ShouldBe("+442079460958");
            us.Normalize(" (415) 555-0134").Input.ShouldBe(" (415) 555-0134");
            us.Normalize("(415) 555-0134").Input.ShouldBe("(415) 555-0134");
        }
    }

    [Fact]
    public void More_distinct_numbers_than_are_remembered_still_read_right()
    {
        var phones = new PhoneNormalizer("US");
        for (var n = 0; n < PhoneNormalizer.CacheCapacity + 100; n++)
        {
            var number = $"+1 415 {200 + n / 10_000:000} {n % 10_000:0000}";
            phones.Normalize(number).E164.ShouldBe($"+1415{200 + n / 10_000:000}{n % 10_000:0000}", number);
        }

        phones.Normalize("+1 415 555 0134").E164.ShouldBe("+14155550134");
    }
}
