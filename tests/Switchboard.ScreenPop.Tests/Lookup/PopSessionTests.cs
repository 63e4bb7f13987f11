using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Matching;
using Switchboard.ScreenPop.Tests.Support;

namespace Switchboard.ScreenPop.Tests.Lookup;

public sealed class PopSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly PopCall Call = new("call-1", "agent-1", "+4930111222", "030 111222", false, new Dictionary<string, string>());

    private static readonly FoundRecord Anna = new()
    {
        System = "crm",
        ExternalId = "C-1",
        FirstName = "Anna",
        LastName = "Schmidt",
        Phones = ["+4930111222"],
        Emails = ["anna@example.com"],
        Origins = [MatchDecision.Phone],
        CrossReferences = [new SystemId("erp", "K-7")],
        Fields = new JsonObject { ["externalId"] = "C-1", ["segment"] = "gold", ["score"] = 0.75m },
    };

    private static PopCarry CarryOfAnna() => new(
        [Anna],
        [new PopSource { System = "crm", Operation = "customer.findByPhone", State = PopSourceState.Answered, ElapsedMs = 21.0625 }],
        [new OwnedItem<PopOrder>("crm:C-1", new PopOrder { System = "erp", ExternalId = "SO-1", Total = 129.90m, Currency = "EUR" })],
        []);

    private static ScreenPopView View(int sequence, bool complete) => new()
    {
        CallId = "call-1",
        AgentId = "agent-1",
        CallerNumber = "+4930111222",
        Match = complete ? PopMatch.Single : PopMatch.Searching,
        MatchedBy = complete ? MatchDecision.Phone : null,
        Customer = complete
            ? new PopCustomer
            {
                Key = "crm:C-1",
                DisplayName = "Anna Schmidt",
                Orders = [new PopOrder { System = "erp", ExternalId = "SO-1", Total = 129.90m, CreatedAt = "2026-12-01" }],
                Interactions = [new PopInteraction { Id = "i-1", StartedAt = Now.AddDays(-1), AgentIds = ["agent-2"] }],
            }
            : null,
        Sources = [new PopSource { System = "crm", Operation = "customer.findByPhone", State = PopSourceState.Answered, ElapsedMs = 21.0625 }],
        Complete = complete,
        Sequence = sequence,
    };

    [Fact]
    public void A_completed_run_is_kept_as_json_and_read_back_whole()
    {
        var session = new PopSession(Call, [], Now);
        var generation = session.Begin(Call, [], Now, changes: 0);
        var last = session.Publish(generation, sequence => View(sequence, complete: true), CarryOfAnna(), Now).ShouldNotBeNull();
        session.Latest.ShouldBeSameAs(last);

        session.Compact(generation);

        var latest = session.Latest.ShouldNotBeNull();
        latest.ShouldNotBeSameAs(last);
        latest.ShouldBeSameViewAs(last);
        latest.Customer!.Orders[0].Total.ShouldBe(129.90m);
        latest.Customer.Interactions[0].StartedAt.ShouldBe(Now.AddDays(-1));
        var carry = session.Carry;
        var anna = carry.Records.ShouldHaveSingleItem();
        anna.ShouldBe(Anna with { Phones = anna.Phones, Emails = anna.Emails, Origins = anna.Origins, CrossReferences = anna.CrossReferences, Fields = anna.Fields });
        anna.Phones.ShouldBe(Anna.Phones);
        anna.Emails.ShouldBe(Anna.Emails);
        anna.Origins.ShouldBe(Anna.Origins);
        anna.CrossReferences.ShouldBe(Anna.CrossReferences);
        anna.Fields!.ToJsonString().ShouldBe(Anna.Fields!.ToJsonString());
        JsonSerializer.Serialize(carry).ShouldBe(JsonSerializer.Serialize(CarryOfAnna()));
    }

    [Fact]
    public void A_run_not_complete_or_superseded_keeps_its_objects()
    {
        var session = new PopSession(Call, [], Now);
        var first = session.Begin(Call, [], Now, changes: 0);
        var searching = session.Publish(first, sequence => View(sequence, complete: false), CarryOfAnna(), Now);
        session.Compact(first);
        session.Latest.ShouldBeSameAs(searching);

        var second = session.Begin(Call, [], Now, changes: 0);
        var done = session.Publish(second, sequence => View(sequence, complete: true), CarryOfAnna(), Now);
        session.Compact(first);
        session.Latest.ShouldBeSameAs(done);
    }

    [Fact]
    public void A_kept_pop_reused_for_the_ringing_agent_is_numbered_on_and_kept_again()
    {
        var session = new PopSession(Call, [], Now);
        var generation = session.Begin(Call, [], Now, changes: 0);
        var offered = session.Publish(generation, sequence => View(sequence, complete: true), CarryOfAnna(), Now).ShouldNotBeNull();
        session.Compact(generation);

        var ringing = session.Reuse(Call with { AgentId = "agent-7" }, [], Now.AddSeconds(5), TimeSpan.FromSeconds(30), changes: 0).ShouldNotBeNull();

        ringing.AgentId.ShouldBe("agent-7");
        ringing.Sequence.ShouldBe(offered.Sequence + 1);
        ringing.ShouldBeSameViewAs(offered with { AgentId = "agent-7", Sequence = offered.Sequence + 1 });
        session.Latest.ShouldBeSameViewAs(ringing);
        session.Latest.ShouldNotBeSameAs(ringing);
    }
}
