using System.Globalization;
using Switchboard.Demo.Crm.Activities;
using Switchboard.Demo.Crm.Cases;
using Switchboard.Demo.Crm.Contacts;

namespace Switchboard.Demo.Crm.Seed;

/// <summary>
/// Builds the starting data. The people are fixed; cases, past calls, versions and times come
/// from a seeded random generator, so the same seed gives the same data. Times lie before
/// <c>now</c> so every later write is newer than every seeded record.
/// </summary>
internal sealed class CrmSeed
{
    private static readonly string[] Dispositions = ["Resolved", "Callback requested", "Left voicemail", "Transferred", "No answer"];

    private CrmSeed(IReadOnlyList<Contact> contacts, IReadOnlyList<SupportCase> cases, IReadOnlyList<CallActivity> activities)
    {
        Contacts = contacts;
        Cases = cases;
        Activities = activities;
    }

    public IReadOnlyList<Contact> Contacts { get; }
    public IReadOnlyList<SupportCase> Cases { get; }
    public IReadOnlyList<CallActivity> Activities { get; }

    public static CrmSeed Create(int seed, DateTimeOffset now)
    {
        // Not for security: a fixed, reproducible sequence is the point.
#pragma warning disable CA5394 // Random is insecure; reproducibility, not secrecy, is wanted here.
        var random = new Random(seed);
        var anchor = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(-1);

        var contacts = new List<Contact>();
        for (var i = 0; i < CrmSeedContacts.All.Count; i++)
        {
            var person = CrmSeedContacts.All[i];
            var modified = anchor.AddDays(-random.Next(1, 400)).AddMinutes(-random.Next(0, 24 * 60));
            contacts.Add(new Contact(
                "003A" + (i + 1).ToString("D6", CultureInfo.InvariantCulture),
                person.FirstName,
                person.LastName,
                person.AccountName,
                person.Phone,
                person.MobilePhone,
                person.Email,
                person.PreferredLanguage,
                modified,
                random.Next(1, 5)));
        }

        var drafts = new List<(string ContactId, CaseTemplate Template, string Status, string Priority, DateTimeOffset Created, DateTimeOffset Modified)>();
        var calls = new List<CallActivity>();
        foreach (var contact in contacts)
        {
            var templates = contact.PreferredLanguage == "zh-CN" ? CrmSeedCaseTemplates.Chinese : CrmSeedCaseTemplates.English;
            var caseCount = random.Next(0, 10) switch { < 5 => 0, < 8 => 1, 8 => 2, _ => 3 };
            for (var c = 0; c < caseCount; c++)
            {
                var created = anchor.AddDays(-random.Next(1, 120)).AddMinutes(-random.Next(0, 24 * 60));
                var modified = created.AddHours(random.Next(1, 72));
                modified = modified < anchor ? modified : anchor.AddMinutes(-random.Next(1, 600));
                var age = (anchor - created).TotalDays;
                var status = age > 30 ? "Closed" : CaseVocabulary.Statuses[random.Next(0, CaseVocabulary.Statuses.Count)];
                drafts.Add((contact.Id, templates[random.Next(templates.Count)], status,
                    CaseVocabulary.Priorities[random.Next(CaseVocabulary.Priorities.Count)], created, modified));
            }

            if (random.Next(0, 3) == 0)
            {
                var occurred = anchor.AddDays(-random.Next(1, 60)).AddMinutes(-random.Next(0, 24 * 60));
                var callNumber = calls.Count + 1;
                calls.Add(new CallActivity(
                    "00TA" + callNumber.ToString("D6", CultureInfo.InvariantCulture),
                    contact.Id,
                    random.Next(0, 2) == 0 ? "Inbound call" : "Outbound call",
                    random.Next(0, 2) == 0 ? "Inbound" : "Outbound",
                    random.Next(20, 900),
                    Dispositions[random.Next(Dispositions.Length)],
                    null,
                    null,
                    "seed-call-" + callNumber.ToString(CultureInfo.InvariantCulture),
                    occurred,
                    occurred.AddSeconds(random.Next(60, 1200))));
            }
        }
#pragma warning restore CA5394

        // Case numbers follow creation order, as a real CRM's autonumber does.
        var cases = drafts
            .OrderBy(d => d.Created)
            .Select((d, index) => new SupportCase(
                (1001 + index).ToString("D8", CultureInfo.InvariantCulture),
                d.ContactId,
                d.Template.Subject,
                d.Template.Description,
                d.Status,
                d.Priority,
                d.Created,
                d.Modified))
            .ToList();

        return new CrmSeed(contacts, cases, calls);
    }
}
