namespace Switchboard.Configuration;

/// <summary>The <c>soap</c> section of a SOAP system.</summary>
public sealed record SoapSettings
{
    public static readonly SoapSettings Default = new();

    /// <summary>"1.1" or "1.2" in YAML.</summary>
    public SoapVersion Version { get; init; } = SoapVersion.Soap11;
}
