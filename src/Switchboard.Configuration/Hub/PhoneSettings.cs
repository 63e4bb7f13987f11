namespace Switchboard.Configuration;

/// <summary>The <c>phone</c> section of switchboard.yaml.</summary>
public sealed record PhoneSettings
{
    /// <summary>The ISO 3166 region numbers without a country code are read in (upper case after loading).</summary>
    public string DefaultRegion { get; init; } = "US";
}
