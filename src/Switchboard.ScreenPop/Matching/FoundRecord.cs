using System.Text.Json.Nodes;

namespace Switchboard.ScreenPop.Matching;

/// <summary>
/// A customer record one source found: a system's record (by phone, by IVR key), or the hub's own
/// customer with its cross-references. Records are merged into candidates by <see cref="CandidateMerger"/>.
/// </summary>
internal sealed record FoundRecord
{
    public required string System { get; init; }

    public required string ExternalId { get; init; }

    public string? DisplayName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    public string? Language { get; init; }

    /// <summary>E.164.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Lower-cased.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>How it was found: <c>phone</c>, <c>ivr:orderNumber</c>, ...</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>The hub's record only: its ids in other systems (<c>system:externalId</c>).</summary>
    public IReadOnlyList<SystemId> CrossReferences { get; init; } = [];

    /// <summary>The record as the system's mapping gave it (what its link template reads); null when only its id is known.</summary>
    public JsonObject? Fields { get; init; }

    public bool IsHub => System == PopSystemNames.Hub;

    public SystemId Id => new(System, ExternalId);

    /// <summary>The name to show: the mapped display name, else first and last name, else the company, else the id.</summary>
    public string ShownName =>
        NonEmpty(DisplayName)
        ?? NonEmpty(string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))))
        ?? NonEmpty(Company)
        ?? ExternalId;

    /// <summary>The same record known twice (two sources found it): fields of the first win, lists are united.</summary>
    public FoundRecord Absorb(FoundRecord other) => this with
    {
        DisplayName = DisplayName ?? other.DisplayName,
        FirstName = FirstName ?? other.FirstName,
        LastName = LastName ?? other.LastName,
        Company = Company ?? other.Company,
        Language = Language ?? other.Language,
        Fields = Fields ?? other.Fields,
        Phones = [.. Phones.Union(other.Phones, StringComparer.Ordinal)],
        Emails = [.. Emails.Union(other.Emails, StringComparer.Ordinal)],
        Origins = [.. Origins.Union(other.Origins, StringComparer.Ordinal)],
        CrossReferences = [.. CrossReferences.Union(other.CrossReferences)],
    };

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
