using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.BrowserTests.Desktop;

public sealed class AgentDesktopTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly SharedNumberCrm _crm = new();
    private TestHub _hub = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", _crm.SystemYaml);
            d.Write("flows/screen-pop.yaml", SharedNumberCrm.PatientScreenPop);
        });
        await _hub.App.Services.GetRequiredService<AccountService>()
            .CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _hub.DisposeAsync();
        _crm.Dispose();
    }

    [Fact]
    public async Task An_agent_signs_in_gets_a_pop_picks_the_caller_and_wraps_up_the_call()
    {
        var records = await _hub.AdminAsync();
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_hub.Address, "/desktop/").ToString());
        await page.ClickAsync("#lang-en");

        await page.FillAsync("#username", "ada");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in-button");
        await Assertions.Expect(page.Locator("#agent-name")).ToHaveTextAsync("Ada Agent");
        await Assertions.Expect(page.Locator("#connection")).ToHaveClassAsync("connection connected");

        await Assertions.Expect(page.Locator("#state-toggle")).ToHaveTextAsync("Not ready");
        await page.ClickAsync("#state-toggle");
        await Assertions.Expect(page.Locator("#state-toggle")).ToHaveTextAsync("Ready");
        await WaitForAgentStateAsync(records, "agent-7", "ready");

        var callId = $"call-{Guid.NewGuid():N}";
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7",
            from = "(415) 555-0134", queue = "support",
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await Assertions.Expect(page.Locator("#caller-number")).ToHaveTextAsync("+14155550134");
        await Assertions.Expect(page.Locator("#candidates button")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#match-state")).ToHaveTextAsync("Several customers share this number");
        await Assertions.Expect(page.Locator("#sources .chip[data-system=crm]")).ToHaveAttributeAsync("data-state", "answered");

        await page.Locator("#candidates button", new() { HasText = "Ada Lovelace" }).ClickAsync();
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("Ada Lovelace");
        await Assertions.Expect(page.Locator("#orders tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#orders")).ToContainTextAsync("SO-1001");
        await Assertions.Expect(page.Locator("#orders")).ToContainTextAsync("$129.00");
        await Assertions.Expect(page.Locator("#tickets")).ToContainTextAsync("Router keeps rebooting");
        await Assertions.Expect(page.Locator("#candidates-panel")).ToBeHiddenAsync();
        (await page.TextContentAsync("#tickets"))!.ShouldContain("crm");
        (await page.TextContentAsync("#orders"))!.ShouldNotContain("SO-1010");

        await page.FillAsync("#notes", "Router replaced under warranty; customer will call back if it reboots again.");
        await page.SelectOptionAsync("#disposition", "resolved");
        await ShouldFitTheScreenAsync(page);
        await Screenshots.SaveAsync(page, "desktop-pop-en.png");

        await page.ClickAsync("#lang-zh");
        await Assertions.Expect(page.Locator("#wrap-up-button")).ToHaveTextAsync("完成话后处理");
        await Assertions.Expect(page.Locator("#orders")).ToContainTextAsync("US$129.00");
        await Assertions.Expect(page.Locator("#disposition option:checked")).ToHaveTextAsync("已解决");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("zh-CN");
        await ShouldFitTheScreenAsync(page);
        await Screenshots.SaveAsync(page, "desktop-pop-zh.png");

        await page.ClickAsync("#wrap-up-button");
        await Assertions.Expect(page.Locator("#idle")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#call-card")).ToBeHiddenAsync();

        var interaction = await records.WaitForInteractionAsync(callId, i => i.GetProperty("state").GetString() == "completed");
        interaction.GetProperty("disposition").GetString().ShouldBe("resolved");
        interaction.GetProperty("notes").GetString().ShouldBe("Router replaced under warranty; customer will call back if it reboots again.");
    }

    [Fact]
    public async Task The_language_follows_the_browser_and_text_from_the_server_is_never_markup()
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_hub.Address, "/desktop/").ToString());

        await Assertions.Expect(page.Locator("#sign-in-button")).ToHaveTextAsync("登录");
        await page.FillAsync("#username", "ada");
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#sign-in-button");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("用户名或密码错误。");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in-button");
        await Assertions.Expect(page.Locator("#connection")).ToHaveClassAsync("connection connected");

        var callId = $"call-{Guid.NewGuid():N}";
        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from = SharedNumberCrm.MarkupNumber,
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await Assertions.Expect(page.Locator("#match-state")).ToHaveTextAsync("已找到客户");
        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("<img src=x onerror=window.pwned=1> Eve");
        await Assertions.Expect(page.Locator("#tickets")).ToContainTextAsync("<script>window.pwned=2</script>");
        (await page.Locator("#desk img, #desk script").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("() => window.pwned === undefined")).ShouldBeTrue();
    }

    // The main layout never scrolls at 1366x768: every panel shows its whole content.
    private static async Task ShouldFitTheScreenAsync(IPage page)
    {
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.panel, .desk')]
              .filter(e => e.scrollHeight > e.clientHeight + 1)
              .map(e => `${e.className}: ${e.scrollHeight} > ${e.clientHeight}`)
            """);
        overflowing.ShouldBeEmpty();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight")).ShouldBeLessThanOrEqualTo(768);
    }

    private static async Task WaitForAgentStateAsync(HttpClient records, string agentId, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var response = await records.GetAsync($"/api/v1/agents/{agentId}");
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() == state)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"agent {agentId} did not become {state}");
    }
}
