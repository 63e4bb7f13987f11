using Microsoft.Playwright;
using Switchboard.Testing;

namespace Switchboard.BrowserTests;

public sealed class HomePageTests
{
    [Fact]
    public async Task The_home_page_shows_the_hub_its_readiness_and_its_systems()
    {
        await using var hub = await TestHub.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(hub.Address.ToString());

        (await page.TextContentAsync("#hub-name")).ShouldBe("Integration Hub");
        await Assertions.Expect(page.Locator("#readiness")).ToHaveTextAsync("ready");
        (await page.TextContentAsync("#systems") ?? "").ShouldContain("crm");
        await page.ClickAsync("text=OpenAPI document");
        (await page.ContentAsync()).ShouldContain("/api/v1/customers");
    }
}
