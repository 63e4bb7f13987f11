using System.Net.Mail;
using Switchboard.Core.Phones;

namespace Switchboard.Desktop.Actions;

/// <summary>Checks a new customer before any system sees it; every bad field is reported at once.</summary>
internal static class NewCustomerValidator
{
    public const int MaxName = 200;
    public const int MaxEmail = 254;

    /// <param name="phone">The number in E.164, when one was given and is valid.</param>
    public static Dictionary<string, string[]> Check(CreateCustomerRequest request, PhoneNormalizer phones, out string? phone)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        phone = null;
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            errors["callId"] = ["is required: the call the customer is created for"];
        }
        else if (request.CallId.Length > DesktopRecordValidator.MaxIdentifier)
        {
            errors["callId"] = [$"is {request.CallId.Length} characters long, at most {DesktopRecordValidator.MaxIdentifier} are allowed"];
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["is required"];
        }
        else if (request.Name.Trim().Length > MaxName)
        {
            errors["name"] = [$"is {request.Name.Trim().Length} characters long, at most {MaxName} are allowed"];
        }

        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            var number = phones.Normalize(request.Phone);
            if (number.IsValid)
            {
                phone = number.E164;
            }
            else
            {
                var reason = number.Status == PhoneNormalizationStatus.Withheld ? "is a withheld-number marker, not a phone number" : number.Error!;
                errors["phone"] = [$"'{request.Phone}' {reason}"];
            }
        }

        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            var email = request.Email.Trim();
            if (email.Length > MaxEmail)
            {
                errors["email"] = [$"is {email.Length} characters long, at most {MaxEmail} are allowed"];
            }
            else if (!MailAddress.TryCreate(email, out var address) || address.Address != email || address.DisplayName.Length > 0)
            {
                errors["email"] = [$"'{request.Email}' is not an email address like name@example.com"];
            }
        }

        return errors;
    }
}
