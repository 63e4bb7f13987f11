using Switchboard.Core.Common;

namespace Switchboard.Server.Contracts;

/// <summary>Reads an enum from request text, naming the allowed values when it is wrong.</summary>
public static class EnumField
{
    public static TEnum Parse<TEnum>(string? text, TEnum fallback, string field, List<FieldError> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0]))
        {
            return value;
        }

        errors.Add(new FieldError(field, text, $"is not one of {string.Join(", ", Enum.GetNames<TEnum>())}"));
        return fallback;
    }
}
