using System.Globalization;

namespace Switchboard.Demo.Crm.Cases;

/// <summary>The support cases, in memory, numbered "00001001", "00001002", ... in creation order.</summary>
internal sealed class CaseStore
{
    private readonly Lock _lock = new();
    private readonly List<SupportCase> _cases = [];
    private readonly ModificationClock _clock;
    private int _lastNumber;

    public CaseStore(ModificationClock clock, IEnumerable<SupportCase> seed)
    {
        _clock = clock;
        foreach (var supportCase in seed)
        {
            _cases.Add(supportCase);
            _lastNumber = Math.Max(_lastNumber, int.Parse(supportCase.CaseNumber, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Cases, newest first; <paramref name="open"/> null means all, true open only, false closed only.</summary>
    public IReadOnlyList<SupportCase> List(string? contactId, bool? open)
    {
        lock (_lock)
        {
            return _cases
                .Where(c => contactId is null || c.ContactId == contactId)
                .Where(c => open is null || open == (c.Status != CaseVocabulary.Closed))
                .OrderByDescending(c => c.CreatedDate)
                .ThenByDescending(c => c.CaseNumber, StringComparer.Ordinal)
                .ToList();
        }
    }

    public SupportCase? Find(string caseNumber)
    {
        lock (_lock)
        {
            return _cases.Find(c => c.CaseNumber == caseNumber);
        }
    }

    public SupportCase Create(string contactId, string subject, string? description, string status, string priority)
    {
        lock (_lock)
        {
            _lastNumber++;
            var now = _clock.Next();
            var created = new SupportCase(
                _lastNumber.ToString("D8", CultureInfo.InvariantCulture), contactId, subject, description, status, priority, now, now);
            _cases.Add(created);
            return created;
        }
    }
}
