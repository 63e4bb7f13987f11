namespace Switchboard.ScreenPop.Matching;

/// <summary>Who the caller is, once the lookups are in: the match, what decided it and the customer to open.</summary>
internal sealed record MatchDecision(PopMatch Match, string? MatchedBy, CandidateGroup? Focus, IReadOnlyList<CandidateGroup> Candidates)
{
    /// <summary>The IVR keys in the order they are trusted: an order or ticket number names one record, an account may be shared.</summary>
    public static readonly IReadOnlyList<string> IvrKeys = ["orderNumber", "ticketNumber", "accountNumber", "customerId"];

    public const string Phone = "phone";
    public const string Remembered = "remembered";
    public const string Pick = "pick";
    public const string Created = "created";

    public static string IvrOrigin(string key) => "ivr:" + key;

    /// <summary>
    /// IVR data first (the customer the quoted order, ticket or account belongs to), then the pick an
    /// agent made earlier for this number, then the number alone: one person, several, or nobody.
    /// </summary>
    public static MatchDecision Decide(IReadOnlyList<CandidateGroup> groups, string? rememberedKey)
    {
        foreach (var origin in IvrOrigins)
        {
            switch (Having(groups, origin))
            {
                case [var one]:
                    return new MatchDecision(PopMatch.Single, origin, one, groups);
                case { Count: > 1 } hits:
                    return new MatchDecision(PopMatch.Multiple, origin, null, hits);
            }
        }

        var byPhone = Having(groups, Phone) ?? [];
        if (rememberedKey is not null && byPhone.Find(g => g.IsKnownBy(rememberedKey)) is { } remembered)
        {
            return new MatchDecision(PopMatch.Single, Remembered, remembered, groups);
        }

        return byPhone.Count switch
        {
            0 => new MatchDecision(PopMatch.None, null, null, groups),
            1 => new MatchDecision(PopMatch.Single, Phone, byPhone[0], groups),
            _ => new MatchDecision(PopMatch.Multiple, Phone, null, byPhone),
        };
    }

    private static readonly string[] IvrOrigins = [.. IvrKeys.Select(IvrOrigin)];

    /// <summary>The groups found by <paramref name="origin"/>; null when none (decided for every snapshot of a pop, so nothing is allocated for a miss).</summary>
    private static List<CandidateGroup>? Having(IReadOnlyList<CandidateGroup> groups, string origin)
    {
        List<CandidateGroup>? hits = null;
        foreach (var group in groups)
        {
            if (group.HasOrigin(origin))
            {
                (hits ??= []).Add(group);
            }
        }

        return hits;
    }

    /// <summary>
    /// While lookups are under way: the only person found so far is shown, provisionally; but while an
    /// IVR key is still being looked up, not someone the number alone found (the key decides).
    /// </summary>
    public static MatchDecision Searching(IReadOnlyList<CandidateGroup> groups, bool ivrPending) =>
        new(PopMatch.Searching, null, groups.Count == 1 && (!ivrPending || groups[0].Records.Any(r => r.Origins.Any(IsIvr))) ? groups[0] : null, groups);

    private static bool IsIvr(string origin) => origin.StartsWith("ivr:", StringComparison.Ordinal);
}
