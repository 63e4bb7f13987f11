namespace Switchboard.ScreenPop.Matching;

/// <summary>
/// Groups records into people. Records of different systems are one person when the hub's
/// cross-references link them, or when they share a phone number and also an email address or a
/// name (ignoring case and spaces). Two records of the same system are never merged: a system
/// that keeps two records keeps two people, and the agent chooses.
/// </summary>
internal static class CandidateMerger
{
    public static IReadOnlyList<CandidateGroup> Merge(IEnumerable<FoundRecord> found)
    {
        var records = Distinct(found);
        var sets = new DisjointSets(records);

        // The hub's cross-references are certain; they go first so the weaker rule cannot block them.
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var link in records[i].CrossReferences)
            {
                var j = records.FindIndex(r => r.Id == link);
                if (j >= 0)
                {
                    sets.TryUnion(i, j);
                }
            }
        }

        for (var i = 0; i < records.Count; i++)
        {
            for (var j = i + 1; j < records.Count; j++)
            {
                if (records[i].System != records[j].System && AreSamePerson(records[i], records[j]))
                {
                    sets.TryUnion(i, j);
                }
            }
        }

        return [.. Enumerable.Range(0, records.Count)
            .GroupBy(sets.Find)
            .Select(g => new CandidateGroup([.. g.Select(i => records[i])]))
            .OrderBy(g => g.Hub is null ? 1 : 0)
            .ThenBy(g => g.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    public static bool AreSamePerson(FoundRecord a, FoundRecord b) =>
        a.Phones.Intersect(b.Phones, StringComparer.Ordinal).Any()
        && (a.Emails.Intersect(b.Emails, StringComparer.Ordinal).Any() || NameForms(a).Overlaps(NameForms(b)));

    /// <summary>The names a record goes by, lower-cased without spaces; given and family name in either order.</summary>
    internal static HashSet<string> NameForms(FoundRecord record)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        Add(forms, record.DisplayName);
        if (!string.IsNullOrWhiteSpace(record.FirstName) && !string.IsNullOrWhiteSpace(record.LastName))
        {
            Add(forms, record.FirstName + record.LastName);
            Add(forms, record.LastName + record.FirstName);
        }

        return forms;
    }

    private static void Add(HashSet<string> forms, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var compact = string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c != ',' && c != '.')).ToLowerInvariant();
        if (compact.Length > 0)
        {
            forms.Add(compact);
        }
    }

    private static List<FoundRecord> Distinct(IEnumerable<FoundRecord> found)
    {
        var records = new List<FoundRecord>();
        foreach (var record in found)
        {
            var at = records.FindIndex(r => r.Id == record.Id);
            if (at < 0)
            {
                records.Add(record);
            }
            else
            {
                records[at] = records[at].Absorb(record);
            }
        }

        return records;
    }

    /// <summary>Union-find over record indexes that refuses to put two records of one system in one set.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;
        private readonly HashSet<string>[] _systems;

        public DisjointSets(IReadOnlyList<FoundRecord> records)
        {
            _parent = [.. Enumerable.Range(0, records.Count)];
            _systems = [.. records.Select(r => new HashSet<string>(StringComparer.Ordinal) { r.System })];
        }

        public int Find(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }

            return i;
        }

        public void TryUnion(int a, int b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra == rb || _systems[ra].Overlaps(_systems[rb]))
            {
                return;
            }

            _parent[rb] = ra;
            _systems[ra].UnionWith(_systems[rb]);
        }
    }
}
