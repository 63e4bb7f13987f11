using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Switchboard.Security;
using Switchboard.Security.Accounts;
using Switchboard.Testing;
using Switchboard.Testing.Ami;

namespace Switchboard.BrowserTests.Desktop;

/// <summary>
/// What the agent does with the customer on screen: open an item in its system, create a ticket and an order, call the
/// customer (through a scripted Asterisk), and create a caller nobody knew.
/// </summary>
public sealed class DesktopRecordsTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    // The member status teaches the hub agent-7's interface; Originate rings it.
    private const string Asterisk = """
        @login

        Event: QueueMemberStatus
        Queue: sales
        MemberName: agent-7
        Interface: PJSIP/7001
        StateInterface: PJSIP/7001
        Membership: dynamic
        Status: 1
        Paused: 0

        @on Originate
        Event: Newchannel
        Channel: PJSIP/7001-00000031
        ChannelState: 0
        CallerIDNum: ${Exten}
        Exten: ${Exten}
        Context: ${Context}
        Uniqueid: ${ChannelId}
        Linkedid: ${ChannelId}
        @end
        """;

    private readonly SharedNumberCrm _crm = new();
    private readonly ScriptedAmiPeer _asterisk = new(AmiScript.Parse(Asterisk));
    private readonly string _secretVariable = $"SWITCHBOARD_TEST_AMI_{Guid.NewGuid():N}";
    private TestHub _hub = null!;
    private BrowserSession _browser = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_secretVariable, _asterisk.Secret);
        _hub = await TestHub.StartAsync(TestStorage.Sqlite, d =>
        {
            d.Write("systems/crm.yaml", _crm.SystemYaml);
            d.Write("systems/asterisk.yaml", $$"""
                name: asterisk
                kind: contactCenter
                protocol: ami
                mode: on
                address: {{_asterisk.Address}}
                auth: { type: basic, username: {{_asterisk.Username}}, password: "${env:{{_secretVariable}}}" }
                """);
            d.Write("flows/screen-pop.yaml", SharedNumberCrm.PatientScreenPop + "  createIn: crm\n");
        });
        await _hub.App.Services.GetRequiredService<AccountService>()
            .CreateAsync("ada", "Ada Agent", "agent-7", Roles.Agent, Password, CancellationToken.None);
        _browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _hub.DisposeAsync();
        await _asterisk.DisposeAsync();
        _crm.Dispose();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }

    [Fact]
    public async Task The_agent_opens_items_in_the_crm_creates_a_ticket_and_an_order_and_calls_the_customer()
    {
        var page = await SignInAsync();
        var callId = await RingAsync(SharedNumberCrm.SharedNumber);
        await page.Locator("#candidates button", new() { HasText = "Ada Lovelace" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orders tr")).ToHaveCountAsync(2);

        // Each item is a link to its own page in the CRM, opening in a new tab.
        var crm = _crm.Server.Urls[0];
        var order = page.Locator("#orders a", new() { HasText = "SO-1001" });
        await Assertions.Expect(order).ToHaveAttributeAsync("href", $"{crm}/ui/orders/O-1");
        await Assertions.Expect(order).ToHaveAttributeAsync("target", "_blank");
        (await order.GetAttributeAsync("rel"))!.Split(' ').ShouldContain("noopener");
        await Assertions.Expect(page.Locator("#tickets a", new() { HasText = "Router keeps rebooting" })).ToHaveAttributeAsync("href", $"{crm}/ui/tickets/T-1");
        await Assertions.Expect(page.Locator("#customer-links a")).ToHaveAttributeAsync("href", $"{crm}/ui/contacts/C-1");
        var opened = await page.Context.RunAndWaitForPageAsync(() => order.ClickAsync());
        await Assertions.Expect(opened.Locator("h1")).ToHaveTextAsync("The CRM's own page");
        opened.Url.ShouldBe($"{crm}/ui/orders/O-1");
        await opened.CloseAsync();

        await page.ClickAsync("#ticket-panel summary");
        await page.FillAsync("#ticket-subject", "Router keeps rebooting again");
        await page.SelectOptionAsync("#ticket-priority", "high");
        await page.ClickAsync("#ticket-submit");
        await Assertions.Expect(page.Locator("#ticket-result")).ToHaveTextAsync("Ticket T-77 created in crm.");
        var ticket = _crm.Posted("/api/tickets").ShouldHaveSingleItem();
        Guid.TryParse(ticket.Headers!["Idempotency-Key"].Single(), out _).ShouldBeTrue();
        using (var body = JsonDocument.Parse(ticket.Body!))
        {
            body.RootElement.GetProperty("customer").GetString().ShouldBe("C-1");
            body.RootElement.GetProperty("subject").GetString().ShouldBe("Router keeps rebooting again");
            body.RootElement.GetProperty("priority").GetString().ShouldBe("high");
            body.RootElement.GetProperty("call").GetString().ShouldBe(callId);
        }

        await page.ClickAsync("#order-panel summary");
        await page.FillAsync("#order-sku", "RTR-AX3000");
        await page.FillAsync("#order-quantity", "2");
        await page.ClickAsync("#order-submit");
        await Assertions.Expect(page.Locator("#order-result")).ToHaveTextAsync("Order SO-1077 created in crm.");
        var placed = _crm.Posted("/api/orders").ShouldHaveSingleItem();
        placed.Headers!["Idempotency-Key"].Single().ShouldNotBe(ticket.Headers!["Idempotency-Key"].Single());
        using (var body = JsonDocument.Parse(placed.Body!))
        {
            body.RootElement.GetProperty("currency").GetString().ShouldBe("USD");
            body.RootElement.GetProperty("lines")[0].GetProperty("sku").GetString().ShouldBe("RTR-AX3000");
            body.RootElement.GetProperty("lines")[0].GetProperty("quantity").GetInt32().ShouldBe(2);
        }

        await page.Locator("#customer-phones button.dial").First.ClickAsync();
        await Assertions.Expect(page.Locator("#dial-status")).ToHaveTextAsync($"Your phone rings, then {SharedNumberCrm.SharedNumber} is dialled.");
        var originate = await _asterisk.WaitForActionAsync("Originate");
        originate["Channel"].ShouldBe("PJSIP/7001");
        originate["Exten"].ShouldBe(SharedNumberCrm.SharedNumber);
        // The outbound call pops too: it waits behind the call the agent is on.
        await Assertions.Expect(page.Locator("#waiting")).ToHaveTextAsync("1 more call(s) waiting");
    }

    [Fact]
    public async Task A_caller_nobody_knows_is_created_from_the_desktop_and_the_pop_opens_on_them()
    {
        var page = await SignInAsync();
        await RingAsync(SharedNumberCrm.UnknownNumber);

        await Assertions.Expect(page.Locator("#match-state")).ToHaveTextAsync("No match");
        await Assertions.Expect(page.Locator("#no-match")).ToHaveTextAsync("No customer is known by this number — create them below.");
        await Assertions.Expect(page.Locator("#create-customer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#new-customer-phone")).ToHaveValueAsync(SharedNumberCrm.UnknownNumber);

        await page.FillAsync("#new-customer-name", "Grace Hopper");
        await page.FillAsync("#new-customer-phone", "555-01");
        await page.ClickAsync("#new-customer-submit");
        await Assertions.Expect(page.Locator("#new-customer-result")).ToContainTextAsync("Customer not created: '555-01' ");
        _crm.Posted("/api/contacts").ShouldBeEmpty();

        await page.FillAsync("#new-customer-phone", SharedNumberCrm.UnknownNumber);
        await page.FillAsync("#new-customer-email", "grace@navy.example");
        await Screenshots.SaveAsync(page, "desktop-new-customer-en.png");
        await page.ClickAsync("#new-customer-submit");

        await Assertions.Expect(page.Locator("#customer-name")).ToHaveTextAsync("Grace Hopper");
        await Assertions.Expect(page.Locator("#match-state")).ToHaveTextAsync("Customer found");
        await Assertions.Expect(page.Locator("#create-customer")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#customer-links a")).ToHaveAttributeAsync("href", $"{_crm.Server.Urls[0]}/ui/contacts/C-77");
        var created = _crm.Posted("/api/contacts").ShouldHaveSingleItem();
        created.Headers!["Idempotency-Key"].Single().ShouldNotBeNullOrWhiteSpace();
        using var body = JsonDocument.Parse(created.Body!);
        body.RootElement.GetProperty("firstName").GetString().ShouldBe("Grace");
        body.RootElement.GetProperty("lastName").GetString().ShouldBe("Hopper");
        body.RootElement.GetProperty("phone").GetString().ShouldBe(SharedNumberCrm.UnknownNumber);
        body.RootElement.GetProperty("email").GetString().ShouldBe("grace@navy.example");
    }

    private async Task<IPage> SignInAsync()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_hub.Address, "/desktop/").ToString());
        await page.ClickAsync("#lang-en");
        await page.FillAsync("#username", "ada");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in-button");
        await Assertions.Expect(page.Locator("#connection")).ToHaveClassAsync("connection connected");
        return page;
    }

    private async Task<string> RingAsync(string from)
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var records = await _hub.AdminAsync();
        // Asterisk's member status has named agent-7's interface before the call rings, so Call can reach it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await records.GetAsync("/api/v1/agents/agent-7")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var system = _hub.Client(await _hub.IssueKeyAsync(Roles.System));
        (await system.PostAsJsonAsync("/api/v1/events", new
        {
            eventId = $"{callId}-ring", type = "call.ringing", occurredAt = DateTimeOffset.UtcNow, callId, agentId = "agent-7", from,
        })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return callId;
    }
}
