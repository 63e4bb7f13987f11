using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class SystemLinksTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    private void WriteLinks(string links) => _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem + "\n" + links);

    [Fact]
    public void Link_templates_are_bound_per_kind_of_item()
    {
        WriteLinks("""
            links:
              customer: "https://crm.example.com/contacts/{{ id | url_encode }}"
              order: https://erp.example.com/orders?no={{ number }}
              ticket: "  https://desk.example.com/tickets/{{ id }}  "
            """);

        var links = _config.Valid().Systems.Single().Links;

        links.Customer.ShouldBe("https://crm.example.com/contacts/{{ id | url_encode }}");
        links.Order.ShouldBe("https://erp.example.com/orders?no={{ number }}");
        links.Ticket.ShouldBe("https://desk.example.com/tickets/{{ id }}");
        links.For("customer").ShouldBe(links.Customer);
    }

    [Fact]
    public void A_system_without_links_has_none()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

        var links = _config.Valid().Systems.Single().Links;

        links.ShouldBe(SystemLinks.None);
        links.For("customer").ShouldBeNull();
    }

    [Fact]
    public void An_unknown_kind_of_link_is_refused_with_a_suggestion()
    {
        WriteLinks("""
            links:
              custmer: "https://crm.example.com/contacts/{{ id }}"
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 11, 3, "links.custmer", "custmer",
            "is not a kind of link; did you mean 'customer'? (kinds: customer, order, ticket)");
    }

    [Theory]
    [InlineData("\"javascript:alert(1)\"", "javascript:alert(1)")]
    [InlineData("\"ftp://files.example.com/{{ id }}\"", "ftp://files.example.com/{{ id }}")]
    [InlineData("\"{{ url }}\"", "{{ url }}")]
    [InlineData("\"https://{{ host }}/contacts/{{ id }}\"", "https://{{ host }}/contacts/{{ id }}")]
    [InlineData("\"https://crm.example.com{{ path }}\"", "https://crm.example.com{{ path }}")]
    [InlineData("\"https://crm.example.com@{{ host }}/x\"", "https://crm.example.com@{{ host }}/x")]
    [InlineData("\"/contacts/{{ id }}\"", "/contacts/{{ id }}")]
    public void A_link_that_could_lead_elsewhere_than_a_fixed_web_address_is_refused(string yaml, string value)
    {
        WriteLinks($"links:\n  customer: {yaml}");

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 11, 13, "links.customer", value,
            "does not begin with http:// or https:// and a host written out before any {{ }} (for example "
            + "https://crm.example.com/contacts/{{ id }}): the desktop opens web links only, and an item's data may not choose where they lead");
    }

    [Fact]
    public void A_link_template_that_does_not_parse_is_refused_with_the_template_error()
    {
        WriteLinks("""
            links:
              order: "https://erp.example.com/orders/{{ id "
            """);

        var error = _config.SingleError();

        error.File.ShouldBe("systems/crm.yaml");
        (error.Line, error.Column, error.Field).ShouldBe((11, 10, "links.order"));
        error.Value.ShouldBe("https://erp.example.com/orders/{{ id");
    }

    [Fact]
    public void Links_that_are_not_a_mapping_or_have_no_value_are_refused()
    {
        WriteLinks("""
            links:
              ticket:
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 11, 10, "links.ticket", null,
            "has no value: write the address of the item, like https://crm.example.com/contacts/{{ id }}");
    }
}
