using System.Text.Json.Nodes;
using Switchboard.Core.Common;
using Switchboard.Sync.Changes;
using Switchboard.Sync.Tests.Support;

namespace Switchboard.Sync.Tests.Changes;

/// <summary>How change records are read and what is said about a bad one.</summary>
public sealed class ChangeReaderTests
{
    private static readonly DateTimeOffset Now = SyncHarness.Start;

    [Fact]
    public void A_record_reads_with_statuses_in_any_case_and_times_to_the_millisecond()
    {
        var (changes, errors) = ChangeReader.Read(EntityKind.Order,
            [Record("""{ "externalId": 42, "status": "IN_PROGRESS", "updatedAt": "2025-03-01T11:00:00.9876+01:00", "customerId": "C-1", "number": "SO-42" }""")], Now);

        errors.ShouldBeEmpty();
        var change = changes.ShouldHaveSingleItem();
        change.ExternalId.ShouldBe("42");
        change.Status.ShouldBe("InProgress");
        change.UpdatedAt.ShouldBe(SyncHarness.At("2025-03-01T10:00:00.987Z"));
        change.CustomerExternalId.ShouldBe("C-1");
        change.Number.ShouldBe("SO-42");
    }

    [Fact]
    public void Every_problem_names_the_record_the_field_and_the_value()
    {
        var (changes, errors) = ChangeReader.Read(EntityKind.Ticket,
        [
            Record("""{ "status": "open", "updatedAt": "2025-03-01T10:00:00Z" }"""),
            Record("""{ "externalId": "CS-1", "status": "shipped", "updatedAt": "yesterday" }"""),
            Record("""{ "externalId": "CS-2", "status": "1", "updatedAt": "2025-03-01T12:06:00Z", "priority": "asap" }"""),
            Record("""{ "externalId": ["CS-3"], "status": "open, closed" }"""),
            null,
        ], Now);

        changes.ShouldBeEmpty();
        errors.Select(e => e.ToString()).ShouldBe(
        [
            "records[0].externalId: is required",
            "records[1].status: 'shipped' is not one of open, pending, resolved, closed",
            "records[1].updatedAt: 'yesterday' is not an ISO 8601 date-time such as 2025-03-01T10:00:00Z",
            "records[2].status: '1' is not one of open, pending, resolved, closed",
            "records[2].updatedAt: '2025-03-01T12:06:00Z' is more than 5 minutes ahead of the hub's clock",
            "records[2].priority: 'asap' is not one of low, normal, high, urgent",
            "records[3].externalId: '[\"CS-3\"]' is not text",
            "records[3].status: 'open, closed' is not one of open, pending, resolved, closed",
            "records[3].updatedAt: is required",
            "records[4]: is not an object",
        ]);
    }

    private static JsonObject? Record(string json) => JsonNode.Parse(json)!.AsObject();
}
