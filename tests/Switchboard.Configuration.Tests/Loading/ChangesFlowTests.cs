using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>The changes section of orderCapture and ticketing flows: how often status changes are polled.</summary>
public sealed class ChangesFlowTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public ChangesFlowTests() => _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

    public void Dispose() => _config.Dispose();

    [Fact]
    public void The_section_binds_the_poll_interval_on_order_capture_and_ticketing_flows()
    {
        _config.Write("flows/orders.yaml", "name: orders\ncapability: orderCapture\nchanges: { pollSeconds: 30 }");
        _config.Write("flows/tickets.yaml", "name: tickets\ncapability: ticketing\nchanges:\n  pollSeconds: 86400");

        var flows = _config.Valid().Flows;

        flows.Single(f => f.Name == "orders").Changes.ShouldBe(new ChangeSettings { PollSeconds = 30 });
        flows.Single(f => f.Name == "tickets").Changes!.PollSeconds.ShouldBe(86_400);
    }

    [Fact]
    public void An_absent_section_or_zero_means_no_polling_and_other_capabilities_have_none()
    {
        _config.Write("flows/orders.yaml", "name: orders\ncapability: orderCapture");
        _config.Write("flows/tickets.yaml", "name: tickets\ncapability: ticketing\nchanges: { pollSeconds: 0 }");
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop");

        var flows = _config.Valid().Flows;

        flows.Single(f => f.Name == "orders").Changes.ShouldBe(ChangeSettings.Default);
        flows.Single(f => f.Name == "orders").Changes!.Polls.ShouldBeFalse();
        flows.Single(f => f.Name == "tickets").Changes!.Polls.ShouldBeFalse();
        flows.Single(f => f.Name == "pop").Changes.ShouldBeNull();
    }

    [Theory]
    [InlineData("-1", "is not between 0 and 86400")]
    [InlineData("86401", "is not between 0 and 86400")]
    [InlineData("often", "is not a whole number")]
    public void A_poll_interval_out_of_range_is_an_error_at_its_value(string value, string reason)
    {
        _config.Write("flows/orders.yaml", $"name: orders\ncapability: orderCapture\nchanges:\n  pollSeconds: {value}");

        _config.SingleError().ShouldBeAt("flows/orders.yaml", 4, 16, "changes.pollSeconds", value, reason);
    }

    [Fact]
    public void An_unknown_field_in_the_section_is_an_error_with_a_suggestion()
    {
        _config.Write("flows/orders.yaml", "name: orders\ncapability: orderCapture\nchanges:\n  pollSecond: 30");

        _config.SingleError().ShouldBeAt("flows/orders.yaml", 4, 3, "changes.pollSecond", null, "unknown field 'pollSecond'; did you mean 'pollSeconds'?");
    }

    [Fact]
    public void The_section_on_another_capability_is_an_error()
    {
        _config.Write("flows/log.yaml", "name: log\ncapability: callLogging\nchanges: { pollSeconds: 30 }");

        _config.SingleError().ShouldBeAt("flows/log.yaml", 3, 1, "changes", null, "is only for flows whose capability is orderCapture or ticketing");
    }
}
