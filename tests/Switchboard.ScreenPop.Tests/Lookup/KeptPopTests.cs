using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.ScreenPop.Lookup;
using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Tests.Lookup;

/// <summary>A session keeps a complete pop serialized: what it reads back is what it kept, to the last field.</summary>
public sealed class KeptPopTests
{
    [Fact]
    public void A_kept_pop_reads_back_whole_the_snapshot_and_what_its_pick_needs()
    {
        var view = new ScreenPopView
        {
            CallId = "call-1", AgentId = "agent-7", CallerNumber = "+4930123456", CallerNumberRaw = "030 123456", Queue = "support",
            Match = PopMatch.Single, MatchedBy = "phone", Complete = true, Sequence = 4,
            Candidates = [new PopCandidate { Key = "crm:C-1", DisplayName = "Anna 王", Phones = ["+4930123456"], Links = [new PopLink { System = "crm", ExternalId = "C-1", Url = "https://crm.example/c/C-1" }] }],
            Customer = new PopCustomer
            {
                Key = "crm:C-1", DisplayName = "Anna 王", Language = "zh-CN", Emails = ["anna@example.com"],
                Orders = [new PopOrder { System = "erp", ExternalId = "O-1", Number = "SO-1", Status = "shipped", Total = 120.50m, Currency = "EUR", CreatedAt = "2026-12-01T09:00:00Z" }],
                Tickets = [new PopTicket { System = "crm", ExternalId = "T-1", Subject = "Router", Status = "open", Priority = "high" }],
                Interactions = [new PopInteraction { Id = "i-1", StartedAt = DateTimeOffset.Parse("2026-12-01T08:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), Disposition = "resolved", AgentIds = ["agent-7"] }],
            },
            Sources = [new PopSource { System = "crm", Operation = "customer.findByPhone", State = PopSourceState.Answered, ElapsedMs = 20.5 },
                       new PopSource { System = "erp", Operation = "order.listByCustomer", State = PopSourceState.Unavailable, Reason = "no answer within 800 ms" }],
        };
        var carry = new PopCarry(
            [new FoundRecord
            {
                System = "crm", ExternalId = "C-1", FirstName = "Anna", Phones = ["+4930123456"], Origins = ["phone", "ivr:accountNumber"],
                CrossReferences = [new SystemId("erp", "E-10")],
                Fields = JsonNode.Parse("""{"externalId":"C-1","total":120.50,"tags":["vip"],"address":{"city":"Berlin"}}""")!.AsObject(),
            }],
            [view.Sources[0]],
            [new OwnedItem<PopOrder>("erp:E-10", view.Customer.Orders[0])],
            [new OwnedItem<PopTicket>("crm:C-1", view.Customer.Tickets[0])]);

        var keptView = KeptPop.Keep(view);
        var keptCarry = KeptPop.Keep(carry);
        var readView = KeptPop.Read<ScreenPopView>(keptView);
        var readCarry = KeptPop.Read<PopCarry>(keptCarry);

        JsonSerializer.Serialize(readView).ShouldBe(JsonSerializer.Serialize(view));
        readView.Customer!.Orders[0].Total.ShouldBe(120.50m);
        readView.Sources[1].State.ShouldBe(PopSourceState.Unavailable);
        var record = readCarry.Records.ShouldHaveSingleItem();
        record.ShouldBe(carry.Records[0] with { Phones = record.Phones, Emails = record.Emails, Origins = record.Origins, CrossReferences = record.CrossReferences, Fields = record.Fields });
        record.Phones.ShouldBe(["+4930123456"]);
        record.Origins.ShouldBe(["phone", "ivr:accountNumber"]);
        record.CrossReferences.ShouldBe([new SystemId("erp", "E-10")]);
        record.Fields!.ToJsonString().ShouldBe(carry.Records[0].Fields!.ToJsonString());
        readCarry.IdentifyingSources.ShouldBe([view.Sources[0]]);
        readCarry.IvrOrders.ShouldHaveSingleItem().ShouldBe(carry.IvrOrders[0]);
        readCarry.IvrTickets.ShouldHaveSingleItem().ShouldBe(carry.IvrTickets[0]);
        KeptPop.Keep(readView).ShouldBe(keptView);
        KeptPop.Keep(readCarry).ShouldBe(keptCarry);
    }

    [Fact]
    public void A_kept_pop_is_compressed_to_well_under_its_JSON()
    {
        var orders = Enumerable.Range(1, 4).Select(i => new PopOrder
        {
            System = "erp", ExternalId = $"O-{i}", Number = $"SO-{i}", Status = "shipped", Total = 99.90m * i, Currency = "EUR",
            CreatedAt = $"2026-12-0{i}T09:00:00Z", Url = $"https://erp.example/orders/O-{i}",
        }).ToList();
        var view = new ScreenPopView
        {
            CallId = "call-1", CallerNumber = "+4930123456", Match = PopMatch.Single, MatchedBy = "phone", Complete = true, Sequence = 6,
            Customer = new PopCustomer { Key = "crm:C-1", DisplayName = "Anna Schmidt", Phones = ["+4930123456"], Orders = orders },
        };

        var json = JsonSerializer.SerializeToUtf8Bytes(view);
        var kept = KeptPop.Keep(view);

        kept.Length.ShouldBeLessThan(json.Length / 2);
        JsonSerializer.Serialize(KeptPop.Read<ScreenPopView>(kept)).ShouldBe(JsonSerializer.Serialize(view));
    }

    [Fact]
    public void A_damaged_kept_pop_fails_to_read_with_what_it_was()
    {
        var kept = KeptPop.Keep(new ScreenPopView { CallId = "call-1", Match = PopMatch.None, Complete = true, Sequence = 1 });

        Should.Throw<InvalidOperationException>(() => KeptPop.Read<ScreenPopView>(kept[..^3]))
            .Message.ShouldStartWith("A kept ScreenPopView did not read back whole");
    }
}
