using Switchboard.ScreenPop.Matching;

namespace Switchboard.ScreenPop.Tests.Matching;

public sealed class CandidateMergerTests
{
    private const string Phone = "+4930111222";

    private static FoundRecord Record(string system, string id, string? name = null, string? email = null, string phone = Phone, params SystemId[] links) => new()
    {
        System = system,
        ExternalId = id,
        DisplayName = name,
        Phones = [phone],
        Emails = email is null ? [] : [email],
        Origins = ["phone"],
        CrossReferences = links,
    };

    [Fact]
    public void Records_with_the_same_number_and_email_are_one_person()
    {
        var groups = CandidateMerger.Merge([Record("crm", "1", "Li Wei", "li@example.com"), Record("erp", "A", "Wei Li (billing)", "li@example.com")]);

        groups.ShouldHaveSingleItem().SystemIds.Select(i => i.Key).ShouldBe(["crm:1", "erp:A"]);
    }

    [Fact]
    public void Names_match_ignoring_case_and_spaces()
    {
        var groups = CandidateMerger.Merge([Record("crm", "1", "张 伟"), Record("erp", "A", "张伟"), Record("shop", "x", "  ZHANG  wei "), Record("tickets", "t", "zhangwei")]);

        groups.Count.ShouldBe(2);
        groups.Single(g => g.IsKnownBy("crm:1")).IsKnownBy("erp:A").ShouldBeTrue();
        groups.Single(g => g.IsKnownBy("shop:x")).IsKnownBy("tickets:t").ShouldBeTrue();
    }

    [Fact]
    public void The_same_name_on_another_number_is_another_person()
    {
        var groups = CandidateMerger.Merge([Record("crm", "1", "Anna Schmidt"), Record("erp", "A", "Anna Schmidt", phone: "+4989123456")]);

        groups.Count.ShouldBe(2);
    }

    [Fact]
    public void Two_records_of_one_system_are_never_merged_even_through_a_third()
    {
        // The ERP record resembles both CRM contacts; it may join one of them, never make them one.
        var groups = CandidateMerger.Merge([Record("crm", "1", "Eva Müller", "office@mueller.example"), Record("crm", "2", "Hans Müller", "office@mueller.example"), Record("erp", "A", "Hans Müller", "office@mueller.example")]);

        groups.Count.ShouldBe(2);
        groups.ShouldAllBe(g => g.Records.Count(r => r.System == "crm") == 1);
    }

    [Fact]
    public void The_hubs_cross_reference_links_records_whatever_their_names()
    {
        var hub = Record("switchboard", "h1", "A. Schmidt", links: [new SystemId("erp", "A")]);

        var groups = CandidateMerger.Merge([Record("crm", "1", "Anna Schmidt"), hub, Record("erp", "A", "Schmidt Holding", phone: "+4989123456")]);

        var linked = groups.Single(g => g.Hub is not null);
        linked.Key.ShouldBe("switchboard:h1");
        linked.IsKnownBy("erp:A").ShouldBeTrue();
        linked.IsKnownBy("crm:1").ShouldBeFalse();
    }

    [Fact]
    public void A_record_found_twice_is_kept_once_with_what_both_sources_knew()
    {
        var groups = CandidateMerger.Merge([Record("crm", "1") with { Origins = ["ivr:accountNumber"] }, Record("crm", "1", "Anna Schmidt")]);

        var anna = groups.ShouldHaveSingleItem();
        anna.DisplayName.ShouldBe("Anna Schmidt");
        anna.HasOrigin("ivr:accountNumber").ShouldBeTrue();
        anna.HasOrigin("phone").ShouldBeTrue();
    }
}
