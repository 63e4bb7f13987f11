namespace Switchboard.Core.Phones;

/// <summary>The outcome of normalizing a phone number as received from a caller or a system.</summary>
public sealed record PhoneNormalization
{
    private PhoneNormalization(PhoneNormalizationStatus status, string input, string? e164, string? error)
    {
        Status = status;
        Input = input;
        E164 = e164;
        Error = error;
    }

    public PhoneNormalizationStatus Status { get; }
    public string Input { get; }
    /// <summary>The number in E.164 (<c>+14155550123</c>) when <see cref="Status"/> is Valid.</summary>
    public string? E164 { get; }
    /// <summary>Why the input is not a usable number, when <see cref="Status"/> is Invalid.</summary>
    public string? Error { get; }

    public bool IsValid => Status == PhoneNormalizationStatus.Valid;

    public static PhoneNormalization Valid(string input, string e164) => new(PhoneNormalizationStatus.Valid, input, e164, null);
    public static PhoneNormalization Withheld(string input) => new(PhoneNormalizationStatus.Withheld, input, null, null);
    public static PhoneNormalization Invalid(string input, string error) => new(PhoneNormalizationStatus.Invalid, input, null, error);
}

public enum PhoneNormalizationStatus
{
    Valid,
    /// <summary>The caller withheld the number (anonymous, restricted, private, unavailable).</summary>
    Withheld,
    Invalid,
}
