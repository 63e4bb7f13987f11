using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Switchboard.Configuration;
using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// One pop (or one pick) of a call: starts every lookup at once, applies each as it finishes and
/// yields a snapshot after it, until every lookup that matters has ended or the budget runs out.
/// </summary>
/// <remarks>
/// All state is touched by the loop alone; the lookups run concurrently and only hand back a
/// <see cref="PopStep"/>. Details (orders, tickets, history) start as soon as one person is the only
/// one found, before every system has answered: the pop then takes as long as its slowest system's
/// chain, not the slowest lookup plus the slowest detail. Details of someone who stops being the one
/// shown are dropped.
/// </remarks>
internal sealed partial class PopRun
{
    private const int MaxItems = 20;

    private static readonly Func<PopOrder, PopOrder, bool> SameOrder = static (a, b) => a.System == b.System && a.ExternalId == b.ExternalId;

    private static readonly Func<PopTicket, PopTicket, bool> SameTicket = static (a, b) => a.System == b.System && a.ExternalId == b.ExternalId;

    private readonly PopContext _context;
    private readonly PopCall _call;
    private readonly PopSession _session;
    private readonly int _generation;
    private readonly Dictionary<string, SystemDefinition> _systems;
    private readonly string? _pickedKey;
    private readonly string _pickedBy;
    private readonly List<SourceSlot> _slots = [];
    private readonly List<FoundRecord> _records = [];
    private readonly List<Task<PopStep>> _pending = [];
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<SourceSlot, PopStep> _details = [];
    private readonly List<OwnedItem<PopOrder>> _ivrOrders = [];
    private readonly List<OwnedItem<PopTicket>> _ivrTickets = [];
    private readonly Dictionary<CandidateGroup, PopCandidate> _candidates = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<CandidateGroup> _groups = [];
    private int _groupsOfRecords = -1;
    private CandidateGroup? _detailsStartedFor;
    private bool _detailsStartedAfterIndex;
    private string? _rememberedKey;
    private bool _hubIndexDone;
    private SourceSlot? _hubIndex;
    private CancellationToken _token;

    private PopRun(PopContext context, PopSession session, int generation, IReadOnlyList<SystemDefinition> systems, string? pickedKey, string pickedBy = MatchDecision.Pick)
    {
        _pickedBy = pickedBy;
        _context = context;
        _session = session;
        _generation = generation;
        _call = session.Call;
        _systems = systems.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _pickedKey = pickedKey;
    }

    /// <summary>A fresh pop: identify the caller, then load the details of the one found.</summary>
    public static PopRun Pop(PopContext context, PopSession session, int generation) =>
        new(context, session, generation, session.Systems, pickedKey: null);

    /// <summary>
    /// The agent picked <paramref name="candidateKey"/> (<paramref name="pickedBy"/> <c>pick</c>), or created that customer
    /// (<c>created</c>): what the pop found stays, the details of that candidate load.
    /// </summary>
    public static PopRun Pick(PopContext context, PopSession session, int generation, PopCarry carry, string candidateKey, string pickedBy = MatchDecision.Pick)
    {
        var run = new PopRun(context, session, generation, session.Systems, candidateKey, pickedBy) { _hubIndexDone = true };
        run._records.AddRange(carry.Records);
        run._slots.AddRange(carry.IdentifyingSources.Select(SourceSlot.Done));
        run._ivrOrders.AddRange(carry.IvrOrders);
        run._ivrTickets.AddRange(carry.IvrTickets);
        return run;
    }

    public async IAsyncEnumerable<ScreenPopView> RunAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _token = run.Token;
        var started = _context.Time.GetTimestamp();
        try
        {
            if (_pickedKey is null)
            {
                StartIdentification();
            }

            var decision = Evaluate(startDetails: true);
            var complete = IsComplete(decision);
            var first = Publish(decision, complete);
            if (first is null)
            {
                yield break;
            }

            yield return first;
            var budget = Task.Delay(_context.Budget, _context.Time, run.Token);
            while (!complete)
            {
                var done = await Task.WhenAny([.. _pending, budget]);
                ct.ThrowIfCancellationRequested();
                bool shown;
                if (done == budget)
                {
                    ExpireBudget(_context.Time.GetElapsedTime(started).TotalMilliseconds);
                    decision = Evaluate(startDetails: false);
                    complete = shown = true;
                }
                else
                {
                    // This answer and every other already in (cached answers, the hub's own queries, answers that
                    // arrived together) make one snapshot.
                    var steps = new List<PopStep>();
                    foreach (var finished in TakeFinished())
                    {
                        var step = await finished;
                        Apply(step);
                        steps.Add(step);
                    }

                    decision = Evaluate(startDetails: true);
                    complete = IsComplete(decision);
                    shown = complete || Shows(steps, decision.Focus);
                }

                if (shown)
                {
                    var view = Publish(decision, complete);
                    if (view is null)
                    {
                        yield break;
                    }

                    yield return view;
                }
            }

            PopLog.Completed(_context.Logger, _call.CallId, decision.Match, decision.MatchedBy, _context.Time.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            // Lookups still under way (details of someone no longer shown, or past the budget) are abandoned. Cancelled
            // here and now: CancelAsync would queue the callbacks and wait for a pool thread at the end of every pop.
            run.Cancel();
        }
    }

    /// <summary>The lookups that have finished (the one the loop woke for among them), in the order they were started, taken off the pending list.</summary>
    private List<Task<PopStep>> TakeFinished()
    {
        // One pass: a lookup finishing meanwhile is either taken and applied, or left for the next turn; never dropped.
        var finished = new List<Task<PopStep>>(_pending.Count);
        _pending.RemoveAll(task =>
        {
            if (task.IsCompleted)
            {
                finished.Add(task);
                return true;
            }

            return false;
        });
        return finished;
    }

    /// <summary>Whether the answers change what the agent sees: helper lookups (the remembered pick) do not, unless they found someone.</summary>
    private bool Shows(List<PopStep> steps, CandidateGroup? focus)
    {
        foreach (var step in steps)
        {
            if (step.Records.Count > 0 || (step.Slot.Visible && (step.Slot.Identifies || IsRelevant(step.Slot, focus))))
            {
                return true;
            }
        }

        return false;
    }

    private void Apply(PopStep step)
    {
        var slot = step.Slot;
        slot.End(step.State, step.ElapsedMs, step.Reason);
        _rememberedKey ??= step.RememberedKey;
        // History waits for the hub's index: it reads by the hub's customer when there is one, else by number.
        _hubIndexDone |= slot == _hubIndex;
        _records.AddRange(step.Records);
        if (slot.Identifies)
        {
            if (step.CustomerOf is { } owner && step.Origin is { } origin)
            {
                _ivrOrders.AddRange(step.Orders.Select(o => new OwnedItem<PopOrder>(owner.Key, o)));
                _ivrTickets.AddRange(step.Tickets.Select(t => new OwnedItem<PopTicket>(owner.Key, t)));
                FollowCustomer(owner, origin);
            }
        }
        else
        {
            _details[slot] = step;
        }
    }

    private MatchDecision Evaluate(bool startDetails)
    {
        // Records are only ever added: the people they make are merged again only when one was.
        if (_groupsOfRecords != _records.Count)
        {
            _groups = CandidateMerger.Merge(_records);
            _groupsOfRecords = _records.Count;
            _candidates.Clear();
        }

        var groups = _groups;
        MatchDecision decision;
        if (_pickedKey is not null)
        {
            var picked = groups.FirstOrDefault(g => g.IsKnownBy(_pickedKey));
            decision = picked is null
                ? new MatchDecision(PopMatch.None, null, null, groups)
                : new MatchDecision(PopMatch.Single, _pickedBy, picked, groups);
        }
        else
        {
            decision = _slots.Any(s => s.Identifies && s.IsPending)
                ? MatchDecision.Searching(groups, _slots.Any(s => s.Ivr && s.IsPending))
                : MatchDecision.Decide(groups, _rememberedKey);
        }

        if (startDetails && decision.Focus is { } focus)
        {
            StartDetails(focus);
        }

        return decision;
    }

    private bool IsComplete(MatchDecision decision) =>
        !_slots.Any(s => s.IsPending && (s.Identifies || IsRelevant(s, decision.Focus)));

    private bool IsRelevant(SourceSlot slot, CandidateGroup? focus) =>
        focus is not null && slot.Owner is { } owner && (focus.IsKnownBy(owner) || owner == HistoryOwner(focus));

    private string? HistoryOwner(CandidateGroup focus) =>
        focus.Hub is { } hub ? "history:" + hub.ExternalId
        : _call.E164 is { } phone ? "history:" + phone
        : null;

    private void ExpireBudget(double elapsedMs)
    {
        var reason = FormattableString.Invariant($"no answer within the pop's budget of {_context.Options.BudgetMs} ms");
        foreach (var slot in _slots.Where(s => s.IsPending))
        {
            slot.End(PopSourceState.Unavailable, elapsedMs, reason);
        }
    }

    private ScreenPopView? Publish(MatchDecision decision, bool complete)
    {
        var carry = new PopCarry(
            [.. _records],
            [.. _slots.Where(s => s.Identifies && s.Visible).Select(s => s.ToSource())],
            [.. _ivrOrders],
            [.. _ivrTickets]);
        return _session.Publish(_generation, sequence => View(decision, complete, sequence), carry, _context.Time.GetUtcNow());
    }

    private ScreenPopView View(MatchDecision decision, bool complete, int sequence)
    {
        var focus = decision.Focus;
        return new ScreenPopView
        {
            CallId = _call.CallId,
            AgentId = _call.AgentId,
            CallerNumber = _call.E164,
            CallerNumberRaw = _call.Raw,
            Queue = _call.Queue,
            Direction = _call.Direction,
            Withheld = _call.Withheld,
            Match = decision.Match,
            MatchedBy = decision.MatchedBy,
            Candidates = [.. decision.Candidates.Select(Candidate)],
            Customer = focus is null ? null : Customer(focus),
            Sources = [.. _slots.Where(s => s.Visible && (s.Identifies || IsRelevant(s, focus))).Select(s => s.ToSource())],
            Complete = complete,
            Sequence = sequence,
        };
    }

    private PopCandidate Candidate(CandidateGroup group)
    {
        if (!_candidates.TryGetValue(group, out var candidate))
        {
            candidate = group.ToCandidate(CustomerUrl);
            _candidates[group] = candidate;
        }

        return candidate;
    }

    private PopCustomer Customer(CandidateGroup focus)
    {
        // The systems' orders and open tickets newest first, after what the caller quoted in the IVR; each once (by system
        // and id), at most MaxItems. History newest first, at most HistoryCount.
        List<PopOrder> answeredOrders = [];
        List<PopTicket> answeredTickets = [];
        List<PopInteraction> history = [];
        foreach (var (slot, step) in _details)
        {
            if (!IsRelevant(slot, focus))
            {
                continue;
            }

            answeredOrders.AddRange(step.Orders);
            foreach (var ticket in step.Tickets)
            {
                if (RecordReader.IsOpen(ticket))
                {
                    answeredTickets.Add(ticket);
                }
            }

            history.AddRange(step.Interactions);
        }

        ShownItems.SortStable(answeredOrders, static (a, b) => string.CompareOrdinal(b.CreatedAt, a.CreatedAt));
        ShownItems.SortStable(answeredTickets, static (a, b) => string.CompareOrdinal(b.CreatedAt, a.CreatedAt));
        ShownItems.SortStable(history, static (a, b) => Nullable.Compare(b.StartedAt, a.StartedAt));

        var orders = ShownItems.Merge(_ivrOrders, focus, answeredOrders, SameOrder, MaxItems);
        var tickets = ShownItems.Merge(_ivrTickets, focus, answeredTickets, SameTicket, MaxItems);
        var historyCount = _context.Options.HistoryCount;
        if (history.Count > historyCount)
        {
            history.RemoveRange(historyCount, history.Count - historyCount);
        }

        return focus.ToCustomer(Candidate(focus), orders, tickets, history);
    }

    private string? CustomerUrl(SystemId id, JsonObject? fields) =>
        _context.Links.Url(_systems.GetValueOrDefault(id.System), SystemLinks.CustomerKind, id.ExternalId, fields);

    /// <summary>An order a system answered, with its address in that system.</summary>
    private PopOrder? Order(string system, JsonObject record) =>
        RecordReader.Order(system, record) is { } order
            ? order with { Url = _context.Links.Url(_systems.GetValueOrDefault(system), SystemLinks.OrderKind, order.ExternalId, record) }
            : null;

    /// <summary>A ticket a system answered, with its address in that system.</summary>
    private PopTicket? Ticket(string system, JsonObject record) =>
        RecordReader.Ticket(system, record) is { } ticket
            ? ticket with { Url = _context.Links.Url(_systems.GetValueOrDefault(system), SystemLinks.TicketKind, ticket.ExternalId, record) }
            : null;
}
