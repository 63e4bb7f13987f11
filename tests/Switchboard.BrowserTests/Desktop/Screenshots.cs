using Microsoft.Playwright;
using Switchboard.Testing;

namespace Switchboard.BrowserTests.Desktop;

/// <summary>
/// Where screenshots go: the repository's docs/images when SWITCHBOARD_UPDATE_SCREENSHOTS=1 (to refresh
/// the ones the documentation embeds), otherwise the test output folder.
/// </summary>
public static class Screenshots
{
    public const string Variable = "SWITCHBOARD_UPDATE_SCREENSHOTS";

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable(Variable) == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs", "images")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }
}
