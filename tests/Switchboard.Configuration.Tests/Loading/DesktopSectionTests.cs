using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class DesktopSectionTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void Without_a_desktop_section_the_default_dispositions_apply_in_both_languages()
    {
        var dispositions = _config.Valid().Desktop.Dispositions;

        dispositions.Select(d => d.Code).ShouldBe(["resolved", "callback", "sale", "complaint", "wrongNumber"]);
        dispositions[0].ShouldBe(new DispositionOption("resolved", "Resolved", "已解决"));
        dispositions.ShouldAllBe(d => d.En.Length > 0 && d.Zh.Length > 0);
    }

    [Fact]
    public void Configured_dispositions_replace_the_default_list_in_their_order()
    {
        _config.Write("switchboard.yaml", """
            desktop:
              dispositions:
                - { code: refund, en: Refund issued, zh: 已退款 }
                - code: escalated
                  en: Escalated
                  zh: 已升级
            """);

        var desktop = _config.Valid().Desktop;

        desktop.Dispositions.ShouldBe([new DispositionOption("refund", "Refund issued", "已退款"), new DispositionOption("escalated", "Escalated", "已升级")]);
        desktop.FindDisposition("escalated").ShouldNotBeNull();
        desktop.FindDisposition("resolved").ShouldBeNull();
    }

    [Fact]
    public void A_disposition_without_its_chinese_label_is_reported_at_its_entry()
    {
        _config.Write("switchboard.yaml", """
            desktop:
              dispositions:
                - { code: refund, en: Refund issued }
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 3, 7, "desktop.dispositions[0].zh", null, "is required");
    }

    [Fact]
    public void A_repeated_disposition_code_is_reported_with_its_line()
    {
        _config.Write("switchboard.yaml", """
            desktop:
              dispositions:
                - { code: sale, en: Sale, zh: 成交 }
                - { code: sale, en: Sold, zh: 售出 }
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 4, 15, "desktop.dispositions[1].code", "sale",
            "is listed twice; each disposition code must be unique");
    }

    [Fact]
    public void A_misspelt_desktop_field_is_reported_with_a_suggestion()
    {
        _config.Write("switchboard.yaml", """
            desktop:
              disposition: []
            """);

        _config.SingleError().ShouldBeAt("switchboard.yaml", 2, 3, "desktop.disposition", null,
            "unknown field 'disposition'; did you mean 'dispositions'?");
    }
}
