using System.Globalization;
using Switchboard.Demo.Crm.Http;
using Switchboard.Demo.Crm.Phones;

namespace Switchboard.Demo.Crm.Contacts;

/// <summary>
/// The contacts, in memory. One lock guards them: the demo serves a handful of agents, and a
/// single lock keeps reads and writes trivially consistent.
/// </summary>
internal sealed class ContactStore
{
    private const string IdPrefix = "003A";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _contacts = new(StringComparer.Ordinal);
    private readonly IdempotentCreates<string> _created = new();
    private readonly ModificationClock _clock;
    private int _lastNumber;

    public ContactStore(ModificationClock clock, IEnumerable<Contact> seed)
    {
        _clock = clock;
        foreach (var contact in seed)
        {
            Put(contact);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _contacts.Count;
            }
        }
    }

    public static bool IsWellFormedId(string id) =>
        id.Length == 10 && id.StartsWith("003", StringComparison.Ordinal) && id.All(char.IsAsciiLetterOrDigit);

    public Contact? Find(string id)
    {
        lock (_lock)
        {
            return _contacts.TryGetValue(id, out var entry) ? entry.Contact : null;
        }
    }

    public bool Exists(string id)
    {
        lock (_lock)
        {
            return _contacts.ContainsKey(id);
        }
    }

    /// <summary>Contacts whose phone or mobile is the given number, in whatever format either is written.</summary>
    public IReadOnlyList<Contact> FindByPhone(string phone)
    {
        var wanted = CrmPhoneKey.Read(phone);
        if (wanted.Count == 0)
        {
            return [];
        }

        lock (_lock)
        {
            return _contacts.Values
                .Where(e => CrmPhoneKey.AnyMatch(e.PhoneKeys, wanted))
                .Select(e => e.Contact)
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>
    /// Contacts modified at or after <paramref name="since"/>, oldest change first (ties by id).
    /// The bound is inclusive: a client that passes its last seen time sees that record again
    /// rather than missing another one written in the same millisecond.
    /// </summary>
    public ContactPage List(DateTimeOffset? since, int page, int pageSize)
    {
        lock (_lock)
        {
            var matching = _contacts.Values
                .Select(e => e.Contact)
                .Where(c => since is null || c.LastModified >= since)
                .OrderBy(c => c.LastModified)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList();
            var skip = (long)(page - 1) * pageSize;
            var records = matching.Skip((int)Math.Min(skip, int.MaxValue)).Take(pageSize).ToList();
            var hasMore = skip + pageSize < matching.Count;
            return new ContactPage(records, matching.Count, hasMore ? page + 1 : null);
        }
    }

    /// <summary>
    /// Creates a contact. With an <paramref name="idempotencyKey"/> seen before, the contact it created comes back
    /// (<c>Replayed</c>) when the request is the same, and nothing when the key came with another body (<c>KeyReused</c>).
    /// </summary>
    public (Contact? Contact, bool Replayed, bool KeyReused) Create(ContactInput input, string? idempotencyKey = null, string fingerprint = "")
    {
        lock (_lock)
        {
            if (_created.Seen(idempotencyKey, fingerprint, out var earlierId, out var keyReused))
            {
                return keyReused ? (null, false, true) : (_contacts[earlierId!].Contact, true, false);
            }

            string id;
            do
            {
                _lastNumber++;
                id = IdPrefix + _lastNumber.ToString("D6", CultureInfo.InvariantCulture);
            }
            while (_contacts.ContainsKey(id));

            var contact = FromInput(id, input, version: 1);
            Put(contact);
            _created.Remember(idempotencyKey, fingerprint, id);

            return (contact, false, false);
        }
    }

    /// <summary>Creates or replaces a contact; <paramref name="expectedVersion"/> comes from If-Match.</summary>
    public ContactWrite Upsert(string id, ContactInput input, int? expectedVersion)
    {
        lock (_lock)
        {
            if (!_contacts.TryGetValue(id, out var existing))
            {
                // If-Match on a record that does not exist cannot match (RFC 9110, 13.1.1).
                if (expectedVersion is not null)
                {
                    return new ContactWrite(ContactWriteOutcome.VersionMismatch, null);
                }

                var created = FromInput(id, input, version: 1);
                Put(created);
                return new ContactWrite(ContactWriteOutcome.Created, created);
            }

            if (expectedVersion is { } expected && expected != existing.Contact.Version)
            {
                return new ContactWrite(ContactWriteOutcome.VersionMismatch, existing.Contact);
            }

            var updated = FromInput(id, input, existing.Contact.Version + 1);
            Put(updated);
            return new ContactWrite(ContactWriteOutcome.Updated, updated);
        }
    }

    private Contact FromInput(string id, ContactInput input, int version) => new(
        id,
        Clean(input.FirstName),
        input.LastName!.Trim(),
        Clean(input.AccountName),
        Clean(input.Phone),
        Clean(input.MobilePhone),
        Clean(input.Email),
        Clean(input.PreferredLanguage),
        _clock.Next(),
        version);

    private void Put(Contact contact)
    {
        var keys = CrmPhoneKey.Read(contact.Phone).Concat(CrmPhoneKey.Read(contact.MobilePhone)).ToList();
        _contacts[contact.Id] = new Entry(contact, keys);
        if (contact.Id.StartsWith(IdPrefix, StringComparison.Ordinal) &&
            int.TryParse(contact.Id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            _lastNumber = Math.Max(_lastNumber, number);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed record Entry(Contact Contact, IReadOnlyList<CrmPhoneKey> PhoneKeys);
}
