using System.Globalization;
using System.Net.Mail;
using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Customers;
using Switchboard.Core.Phones;

namespace Switchboard.Server.Contracts;

/// <summary>
/// Checks a <see cref="CustomerInput"/> and turns it into a <see cref="Customer"/>: phones to E.164,
/// emails lower-cased, cross-references only to configured systems. Reports every bad field at once.
/// </summary>
public static class CustomerInputValidator
{
    public static (Customer? Customer, IReadOnlyList<FieldError> Errors) ToCustomer(
        CustomerInput input, string id, PhoneNormalizer phones, IReadOnlySet<string> systems, DateTimeOffset now, DateTimeOffset? createdAt)
    {
        var errors = new List<FieldError>();
        var displayName = string.IsNullOrWhiteSpace(input.DisplayName)
            ? string.Join(' ', new[] { input.FirstName, input.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))).Trim()
            : input.DisplayName.Trim();
        if (displayName.Length == 0)
        {
            errors.Add(new FieldError("displayName", null, "is required (or give firstName/lastName)"));
        }
        else if (displayName.Length > 200)
        {
            errors.Add(new FieldError("displayName", displayName[..20] + "…", "is longer than 200 characters"));
        }

        if (input.Language is { Length: > 0 } language && !IsCulture(language))
        {
            errors.Add(new FieldError("language", language, "is not a BCP 47 language tag such as en-US or zh-CN"));
        }

        var contactPoints = new List<ContactPoint>();
        for (var i = 0; i < input.Phones.Count; i++)
        {
            var phone = input.Phones[i];
            var normalized = phones.Normalize(phone.Number);
            if (normalized.IsValid)
            {
                contactPoints.Add(new ContactPoint(ContactPointKind.Phone, normalized.E164!, phone.Label, phone.Primary));
            }
            else
            {
                errors.Add(new FieldError($"phones[{i}].number", phone.Number,
                    normalized.Error ?? $"is not a phone number (region {phones.DefaultRegion} assumed for national numbers)"));
            }
        }

        for (var i = 0; i < input.Emails.Count; i++)
        {
            var email = input.Emails[i]?.Trim() ?? string.Empty;
            if (MailAddress.TryCreate(email, out var address) && address.Address == email)
            {
                contactPoints.Add(new ContactPoint(ContactPointKind.Email, email.ToLowerInvariant(), null, i == 0));
            }
            else
            {
                errors.Add(new FieldError($"emails[{i}]", input.Emails[i], "is not an email address"));
            }
        }

        var references = new List<CrossReference>();
        for (var i = 0; i < input.CrossReferences.Count; i++)
        {
            var reference = input.CrossReferences[i];
            if (string.IsNullOrWhiteSpace(reference.System) || !systems.Contains(reference.System))
            {
                errors.Add(new FieldError($"crossReferences[{i}].system", reference.System,
                    systems.Count == 0 ? "names no configured system (none are configured)" : $"is not a configured system; configured: {string.Join(", ", systems.Order())}"));
            }

            if (string.IsNullOrWhiteSpace(reference.ExternalId))
            {
                errors.Add(new FieldError($"crossReferences[{i}].externalId", reference.ExternalId, "is required"));
            }

            references.Add(new CrossReference(EntityKind.Customer, id, reference.System ?? "", reference.ExternalId ?? "", reference.Version, now));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new Customer
        {
            Id = id,
            DisplayName = displayName,
            FirstName = input.FirstName,
            LastName = input.LastName,
            Company = input.Company,
            Language = input.Language,
            ContactPoints = contactPoints,
            CrossReferences = references,
            CreatedAt = createdAt ?? now,
            UpdatedAt = now,
        }, errors);
    }

    private static bool IsCulture(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
