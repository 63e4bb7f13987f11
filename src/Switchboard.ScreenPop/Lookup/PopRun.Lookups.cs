using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Interactions;
using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>The lookups a run starts: who is calling, then the details of the one shown.</summary>
internal sealed partial class PopRun
{
    /// <summary>Not in the standard vocabulary; used when a system defines it.</summary>
    internal const string TicketGet = "ticket.get";

    private static readonly string[] DetailOperations = [OperationNames.OrderListByCustomer, OperationNames.TicketListByCustomer];

    private void StartIdentification()
    {
        // Systems first: the hub's own queries on SQLite run synchronously, so they go while the systems' calls are in flight.
        var phone = _call.E164;
        if (phone is not null)
        {
            foreach (var system in Implementing(OperationNames.CustomerFindByPhone))
            {
                StartSystem(
                    new SourceSlot { System = system.Name, Operation = OperationNames.CustomerFindByPhone, Identifies = true },
                    OperationArguments.From(("phone", phone)),
                    (slot, outcome) => new PopStep(slot) { Records = CustomerRecords(slot.System, outcome, MatchDecision.Phone, phone) });
            }
        }

        foreach (var key in MatchDecision.IvrKeys)
        {
            if (_call.Attributes.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                StartIvr(key, value.Trim());
            }
        }

        if (phone is null)
        {
            _hubIndexDone = true;
            return;
        }

        _hubIndex = new SourceSlot { System = PopSystemNames.Hub, Operation = OperationNames.CustomerFindByPhone, Identifies = true };
        StartHub(
            _hubIndex,
            token => _context.Customers.FindByPhoneAsync(phone, token),
            (slot, customers) => new PopStep(slot)
            {
                State = customers.Count == 0 ? PopSourceState.NoMatch : PopSourceState.Answered,
                Records = [.. customers.Select(c => RecordReader.Hub(c, MatchDecision.Phone))],
            });
        StartHub(
            new SourceSlot { System = PopSystemNames.Hub, Operation = "remembered", Identifies = true, Visible = false },
            token => _context.Picks.FindAsync(phone, token),
            (slot, pick) => new PopStep(slot) { State = pick is null ? PopSourceState.NoMatch : PopSourceState.Answered, RememberedKey = pick?.CandidateKey });
    }

    private void StartIvr(string key, string value)
    {
        var origin = MatchDecision.IvrOrigin(key);
        switch (key)
        {
            case "orderNumber":
                foreach (var system in Implementing(OperationNames.OrderGet))
                {
                    StartSystem(
                        new SourceSlot { System = system.Name, Operation = OperationNames.OrderGet, Identifies = true, Ivr = true },
                        OperationArguments.From(("externalId", value), ("orderNo", value), ("orderNumber", value)),
                        (slot, outcome) => IvrStep(slot, outcome, origin, Order(slot.System, outcome.Records[0]) is { } order
                            ? new PopStep(slot) { Orders = [order] }
                            : new PopStep(slot)));
                }

                break;
            case "ticketNumber":
                foreach (var system in Implementing(TicketGet))
                {
                    StartSystem(
                        new SourceSlot { System = system.Name, Operation = TicketGet, Identifies = true, Ivr = true },
                        OperationArguments.From(("externalId", value), ("ticketNo", value), ("ticketNumber", value)),
                        (slot, outcome) => IvrStep(slot, outcome, origin, Ticket(slot.System, outcome.Records[0]) is { } ticket
                            ? new PopStep(slot) { Tickets = [ticket] }
                            : new PopStep(slot)));
                }

                break;
            default:
                foreach (var system in Implementing(OperationNames.CustomerGet))
                {
                    if (_started.Add($"{system.Name}|{OperationNames.CustomerGet}|{value}"))
                    {
                        StartSystem(
                            new SourceSlot { System = system.Name, Operation = OperationNames.CustomerGet, Identifies = true, Ivr = true },
                            OperationArguments.From(("externalId", value), ("customerId", value), ("accountNumber", value)),
                            (slot, outcome) => new PopStep(slot) { Records = CustomerRecords(slot.System, outcome, origin, searchedPhone: null, first: true) });
                    }
                }

                if (key == "customerId")
                {
                    StartHub(
                        new SourceSlot { System = PopSystemNames.Hub, Operation = OperationNames.CustomerGet, Identifies = true, Ivr = true },
                        token => _context.Customers.GetAsync(value, token),
                        (slot, customer) => HubCustomerStep(slot, customer, origin));
                }

                break;
        }
    }

    /// <summary>An order or ticket the caller quoted: the customer it belongs to is looked up next.</summary>
    private static PopStep IvrStep(SourceSlot slot, CallOutcome outcome, string origin, PopStep step) =>
        RecordReader.Text(outcome.Records[0], "customerId") is { } customerId
            ? step with { CustomerOf = new SystemId(slot.System, customerId), Origin = origin }
            : step;

    /// <summary>The customer behind an IVR key: their record in that system and the hub's record linked to it.</summary>
    private void FollowCustomer(SystemId owner, string origin)
    {
        if (!_started.Add("follow|" + owner.Key))
        {
            return;
        }

        // Known by id even if nothing more is learned about them.
        _records.Add(new FoundRecord { System = owner.System, ExternalId = owner.ExternalId, Origins = [origin] });
        if (_systems.TryGetValue(owner.System, out var system) && system.Implements(OperationNames.CustomerGet)
            && _started.Add($"{owner.System}|{OperationNames.CustomerGet}|{owner.ExternalId}"))
        {
            StartSystem(
                new SourceSlot { System = owner.System, Operation = OperationNames.CustomerGet, Identifies = true, Ivr = true },
                OperationArguments.From(("externalId", owner.ExternalId), ("customerId", owner.ExternalId)),
                (slot, outcome) => new PopStep(slot) { Records = CustomerRecords(slot.System, outcome, origin, searchedPhone: null, first: true) });
        }

        StartHub(
            new SourceSlot { System = PopSystemNames.Hub, Operation = "customer.findByCrossReference", Identifies = true, Ivr = true, Visible = false },
            token => _context.Customers.FindByCrossReferenceAsync(owner.System, owner.ExternalId, token),
            (slot, customer) => HubCustomerStep(slot, customer, origin));
    }

    /// <summary>Orders, tickets and history of the one shown, from every system that holds an id for them.</summary>
    private void StartDetails(CandidateGroup focus)
    {
        // Evaluated after every answer: for the same person with nothing new to wait for, everything is started already.
        if (ReferenceEquals(focus, _detailsStartedFor) && _hubIndexDone == _detailsStartedAfterIndex)
        {
            return;
        }

        _detailsStartedFor = focus;
        _detailsStartedAfterIndex = _hubIndexDone;
        foreach (var id in focus.SystemIds)
        {
            if (!_systems.TryGetValue(id.System, out var system))
            {
                continue;
            }

            foreach (var operation in DetailOperations.Where(o => system.Implements(o) && _started.Add($"{id.Key}|{o}")))
            {
                StartSystem(
                    new SourceSlot { System = id.System, Operation = operation, Owner = id.Key },
                    OperationArguments.From(("customerId", id.ExternalId)),
                    operation == OperationNames.OrderListByCustomer
                        ? (slot, outcome) => new PopStep(slot) { Orders = [.. outcome.Records.Select(r => Order(slot.System, r)).OfType<PopOrder>()] }
                        : (slot, outcome) => new PopStep(slot) { Tickets = [.. outcome.Records.Select(r => Ticket(slot.System, r)).OfType<PopTicket>()] });
            }
        }

        var count = _context.Options.HistoryCount;
        if (count > 0 && _hubIndexDone && HistoryOwner(focus) is { } owner && _started.Add(owner))
        {
            var hubId = focus.Hub?.ExternalId;
            var phone = _call.E164;
            StartHub(
                new SourceSlot { System = PopSystemNames.Hub, Operation = PopSystemNames.HistoryOperation, Owner = owner },
                token => hubId is not null
                    ? _context.Interactions.ListByCustomerAsync(hubId, count + 1, token)
                    : _context.Interactions.ListByCallerAsync(phone!, count + 1, token),
                (slot, calls) => HistoryStep(slot, calls, count));
        }
    }

    private PopStep HistoryStep(SourceSlot slot, IReadOnlyList<Interaction> calls, int count)
    {
        // The call being popped may be stored already; it is not history.
        var earlier = calls.Where(c => c.CallId != _call.CallId).Take(count).Select(RecordReader.Interaction).ToList();
        return new PopStep(slot) { State = earlier.Count == 0 ? PopSourceState.NoMatch : PopSourceState.Answered, Interactions = earlier };
    }

    private static PopStep HubCustomerStep(SourceSlot slot, Core.Customers.Customer? customer, string origin) =>
        customer is null
            ? new PopStep(slot) { State = PopSourceState.NoMatch }
            : new PopStep(slot) { State = PopSourceState.Answered, Records = [RecordReader.Hub(customer, origin)] };

    private List<FoundRecord> CustomerRecords(string system, CallOutcome outcome, string origin, string? searchedPhone, bool first = false) =>
        [.. outcome.Records.Take(first ? 1 : int.MaxValue)
            .Select(r => RecordReader.Customer(system, r, _context.Phones, origin, searchedPhone))
            .OfType<FoundRecord>()];

    private IEnumerable<SystemDefinition> Implementing(string operation) =>
        _systems.Values.Where(s => s.Implements(operation)).OrderBy(s => s.Name, StringComparer.Ordinal);

    private void StartSystem(SourceSlot slot, OperationArguments arguments, Func<SourceSlot, CallOutcome, PopStep> read)
    {
        _slots.Add(slot);
        _pending.Add(CallSystemAsync(slot, arguments, read));
    }

    private void StartHub<T>(SourceSlot slot, Func<CancellationToken, Task<T>> query, Func<SourceSlot, T, PopStep> read)
    {
        _slots.Add(slot);
        _pending.Add(QueryHubAsync(slot, query, read));
    }

    private async Task<PopStep> CallSystemAsync(SourceSlot slot, OperationArguments arguments, Func<SourceSlot, CallOutcome, PopStep> read)
    {
        try
        {
            var outcome = await _context.Calls.CallAsync(slot.System, slot.Operation, arguments, _context.SystemTimeout, _token);
            var step = outcome.State == PopSourceState.Answered ? read(slot, outcome) : new PopStep(slot);
            return step with { State = outcome.State, ElapsedMs = outcome.ElapsedMs, Reason = outcome.Reason };
        }
        catch (OperationCanceledException)
        {
            return new PopStep(slot) { State = PopSourceState.Unavailable, Reason = "cancelled" };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            // The answer arrived but could not be read as the pop needs it.
            PopLog.ReadFailed(_context.Logger, slot.System, slot.Operation, ex);
            return new PopStep(slot) { State = PopSourceState.Unavailable, Reason = $"{slot.System} {slot.Operation}: {ex.Message}" };
        }
    }

    private async Task<PopStep> QueryHubAsync<T>(SourceSlot slot, Func<CancellationToken, Task<T>> query, Func<SourceSlot, T, PopStep> read)
    {
        try
        {
            var result = await Timed.RunAsync(
                async token =>
                {
                    await _context.HubQueries.WaitAsync(token);
                    try
                    {
                        return await query(token);
                    }
                    finally
                    {
                        _context.HubQueries.Release();
                    }
                },
                _context.SystemTimeout,
                _context.Time,
                _token);
            if (result.TimedOut)
            {
                return new PopStep(slot) { State = PopSourceState.Unavailable, ElapsedMs = result.ElapsedMs, Reason = Timed.TimeoutReason(_context.SystemTimeout) };
            }

            if (result.Error is { } error)
            {
                PopLog.HubLookupFailed(_context.Logger, slot.Operation, error);
                return new PopStep(slot) { State = PopSourceState.Unavailable, ElapsedMs = result.ElapsedMs, Reason = $"the hub's {slot.Operation} failed: {error.Message}" };
            }

            return read(slot, result.Value!) with { ElapsedMs = result.ElapsedMs };
        }
        catch (OperationCanceledException)
        {
            return new PopStep(slot) { State = PopSourceState.Unavailable, Reason = "cancelled" };
        }
    }
}
