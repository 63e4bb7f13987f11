using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Crm;

public sealed class CrmCaseAndActivityTests : IAsyncLifetime
{
    private static readonly string[] OpenStatuses = ["New", "Working", "Escalated"];

    private RunningDemo _crm = null!;

    public async Task InitializeAsync() => _crm = await DemoSystems.StartCrmAsync();

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Seeded_cases_mix_statuses_and_the_status_filter_splits_them()
    {
        var all = (await ListCasesAsync("status=all")).GetProperty("records");
        var open = (await ListCasesAsync("status=open")).GetProperty("records");
        var closed = (await ListCasesAsync("status=closed")).GetProperty("records");

        all.GetArrayLength().ShouldBeGreaterThan(10);
        open.Texts("status").ShouldAllBe(s => OpenStatuses.Contains(s));
        closed.Texts("status").ShouldAllBe(s => s == "Closed");
        open.GetArrayLength().ShouldBeGreaterThan(0);
        closed.GetArrayLength().ShouldBeGreaterThan(0);
        (open.GetArrayLength() + closed.GetArrayLength()).ShouldBe(all.GetArrayLength());
        all.Texts("caseNumber").ShouldAllBe(n => n.Length == 8 && n.All(char.IsAsciiDigit));
    }

    [Fact]
    public async Task A_new_case_is_created_for_a_contact_and_listed_as_open()
    {
        var created = await (await _crm.Client.PostAsJsonAsync("/api/cases", new
        {
            contactId = "003A000039",
            subject = "发票抬头错误",
            description = "客户要求重开发票。",
            priority = "high",
        })).ReadJsonAsync(HttpStatusCode.Created);

        created.Text("status").ShouldBe("New");
        created.Text("priority").ShouldBe("High");
        var open = (await ListCasesAsync("contactId=003A000039&status=open")).GetProperty("records");
        open.Texts("caseNumber").ShouldContain(created.Text("caseNumber"));
        open.Texts("subject").ShouldContain("发票抬头错误");
    }

    [Fact]
    public async Task A_case_for_an_unknown_contact_or_with_a_bad_picklist_value_is_a_400()
    {
        var unknown = await (await _crm.Client.PostAsJsonAsync("/api/cases", new { contactId = "003A999999", subject = "x" }))
            .ReadJsonAsync(HttpStatusCode.BadRequest);
        var badStatus = await (await _crm.Client.PostAsJsonAsync("/api/cases", new { contactId = "003A000001", subject = "x", status = "Open" }))
            .ReadJsonAsync(HttpStatusCode.BadRequest);

        unknown.Text("errorCode").ShouldBe("INVALID_CROSS_REFERENCE_KEY");
        badStatus.Text("errorCode").ShouldBe("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_activity_and_creates_nothing_new()
    {
        var call = Call("003A000001", "call-7f3a");

        var first = await PostActivityAsync(call, "call-7f3a-end");
        var created = await first.ReadJsonAsync(HttpStatusCode.Created);
        var retry = await (await PostActivityAsync(call, "call-7f3a-end")).ReadJsonAsync(HttpStatusCode.OK);

        retry.Text("id").ShouldBe(created.Text("id"));
        var logged = await ListActivitiesAsync("003A000001");
        logged.GetProperty("records").Texts("callId").Count(c => c == "call-7f3a").ShouldBe(1);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_another_call_is_a_409()
    {
        (await PostActivityAsync(Call("003A000001", "call-a"), "key-1")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var error = await (await PostActivityAsync(Call("003A000002", "call-b"), "key-1")).ReadJsonAsync(HttpStatusCode.Conflict);

        error.Text("errorCode").ShouldBe("IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task Without_an_idempotency_key_every_post_logs_a_new_activity()
    {
        var call = Call("003A000002", "call-no-key");

        var first = (await (await PostActivityAsync(call, null)).ReadJsonAsync(HttpStatusCode.Created)).Text("id");
        var second = (await (await PostActivityAsync(call, null)).ReadJsonAsync(HttpStatusCode.Created)).Text("id");

        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task Activities_are_listed_by_contact_and_time_window()
    {
        await PostActivityAsync(Call("003A000025", "c-early", "2026-05-01T10:00:00Z"), null);
        await PostActivityAsync(Call("003A000025", "c-late", "2026-05-03T10:00:00Z"), null);

        var window = await ListActivitiesAsync("003A000025", "&from=2026-05-02T00:00:00Z&to=2026-05-04T00:00:00Z");

        var record = window.GetProperty("records").EnumerateArray().ShouldHaveSingleItem();
        record.Text("callId").ShouldBe("c-late");
        record.Text("direction").ShouldBe("Inbound");
        record.GetProperty("durationSeconds").GetInt32().ShouldBe(184);
    }

    [Fact]
    public async Task An_activity_without_its_required_fields_is_a_400()
    {
        var error = await (await PostActivityAsync(new { contactId = "003A000001" }, null)).ReadJsonAsync(HttpStatusCode.BadRequest);

        error.Text("errorCode").ShouldBe("FIELD_INTEGRITY_EXCEPTION");
        error.Text("message").ShouldContain("subject");
    }

    private static object Call(string contactId, string callId, string occurredAt = "2026-05-03T10:00:00Z") => new
    {
        contactId,
        subject = "Inbound call",
        direction = "inbound",
        durationSeconds = 184,
        disposition = "Resolved",
        notes = "Asked about order status.",
        recordingUrl = "https://recordings.example/calls/" + callId + ".wav",
        callId,
        occurredAt,
    };

    private async Task<HttpResponseMessage> PostActivityAsync(object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _crm.Client.SendAsync(request);
    }

    private async Task<JsonElement> ListActivitiesAsync(string contactId, string window = "") =>
        await (await _crm.Client.GetAsync($"/api/activities?contactId={contactId}{window}")).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<JsonElement> ListCasesAsync(string query) =>
        await (await _crm.Client.GetAsync($"/api/cases?{query}")).ReadJsonAsync(HttpStatusCode.OK);
}
