using System.Text.Json.Nodes;

namespace Switchboard.ScreenPop.Matching;

/// <summary>The records judged to be one person, the hub's record (if any) first.</summary>
internal sealed class CandidateGroup
{
    public CandidateGroup(IReadOnlyList<FoundRecord> records)
    {
        Records = [.. records.OrderBy(r => r.IsHub ? 0 : 1).ThenBy(r => r.System, StringComparer.Ordinal).ThenBy(r => r.ExternalId, StringComparer.Ordinal)];
        Hub = Records.FirstOrDefault(r => r.IsHub);
        Key = Records[0].Id.Key;
        var ids = new List<SystemId>();
        foreach (var id in Records.Where(r => !r.IsHub).Select(r => r.Id).Concat(Records.SelectMany(r => r.CrossReferences)))
        {
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        SystemIds = ids;
        LinkKeys = new HashSet<string>(Records.Select(r => r.Id.Key).Concat(ids.Select(i => i.Key)), StringComparer.Ordinal);
        // What every snapshot shows of the group is worked out once: a pop publishes a snapshot per answer.
        DisplayName = Records[0].ShownName;
        Phones = [.. Records.SelectMany(r => r.Phones).Distinct(StringComparer.Ordinal)];
        Emails = [.. Records.SelectMany(r => r.Emails).Distinct(StringComparer.Ordinal)];
        _origins = new HashSet<string>(Records.SelectMany(r => r.Origins), StringComparer.Ordinal);
    }

    private readonly HashSet<string> _origins;

    public IReadOnlyList<FoundRecord> Records { get; }

    /// <summary>The hub's own customer in this group, if the hub knows them.</summary>
    public FoundRecord? Hub { get; }

    /// <summary><c>switchboard:{hub id}</c> when the hub knows the customer, else the first system's <c>system:externalId</c>.</summary>
    public string Key { get; }

    /// <summary>The customer's id in each system, from the records found and the hub's cross-references.</summary>
    public IReadOnlyList<SystemId> SystemIds { get; }

    /// <summary>Every <c>system:externalId</c> the group is known by (its key among them).</summary>
    public IReadOnlySet<string> LinkKeys { get; }

    public bool HasOrigin(string origin) => _origins.Contains(origin);

    /// <summary>Whether a key given earlier (a remembered pick, an agent's choice) names this group.</summary>
    public bool IsKnownBy(string key) => LinkKeys.Contains(key);

    public string DisplayName { get; }

    /// <summary>The address of the customer's record in a system, from its id there and the fields found with it.</summary>
    public delegate string? LinkUrl(SystemId id, JsonObject? fields);

    public PopCandidate ToCandidate(LinkUrl url) => new()
    {
        Key = Key,
        DisplayName = DisplayName,
        Company = First(r => r.Company),
        Phones = Phones,
        Emails = Emails,
        Links = Links(url),
    };

    /// <summary>
    /// The customer 360 of this group with its details. <paramref name="candidate"/> is this group's candidate: its links
    /// are the customer's, rendered once for all the snapshots of a pop rather than once per snapshot.
    /// </summary>
    public PopCustomer ToCustomer(PopCandidate candidate, IReadOnlyList<PopOrder> orders, IReadOnlyList<PopTicket> tickets, IReadOnlyList<PopInteraction> interactions) => new()
    {
        Key = Key,
        DisplayName = DisplayName,
        FirstName = First(r => r.FirstName),
        LastName = First(r => r.LastName),
        Company = candidate.Company,
        Language = First(r => r.Language),
        Phones = Phones,
        Emails = Emails,
        Links = candidate.Links,
        Orders = orders,
        Tickets = tickets,
        Interactions = interactions,
    };

    private IReadOnlyList<string> Phones { get; }

    private IReadOnlyList<string> Emails { get; }

    private IReadOnlyList<PopLink> Links(LinkUrl url) =>
    [
        .. Hub is null ? [] : new[] { new PopLink { System = Hub.System, ExternalId = Hub.ExternalId } },
        .. SystemIds.Select(id => new PopLink { System = id.System, ExternalId = id.ExternalId, Url = url(id, Records.FirstOrDefault(r => r.Id == id)?.Fields) }),
    ];

    private string? First(Func<FoundRecord, string?> field)
    {
        foreach (var record in Records)
        {
            if (field(record) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
