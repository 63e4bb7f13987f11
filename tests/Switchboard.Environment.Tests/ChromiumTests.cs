using Microsoft.Playwright;

namespace Switchboard.Environment.Tests;

public class ChromiumTests
{
    [Fact]
    public async Task Chromium_starts_headless_and_renders_a_page()
    {
        var executable = TestEnvironment.Require(TestEnvironment.ChromiumVariable);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
            Timeout = (float)TestEnvironment.Timeout.TotalMilliseconds,
        });
        var page = await browser.NewPageAsync();

        await page.SetContentAsync("<main><h1 id=\"title\">Switchboard</h1></main>");

        (await page.TextContentAsync("#title")).ShouldBe("Switchboard");
        (await page.EvaluateAsync<int>("() => 6 * 7")).ShouldBe(42);
    }
}
