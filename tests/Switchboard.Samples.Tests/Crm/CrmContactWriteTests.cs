using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Crm;

public sealed class CrmContactWriteTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private RunningDemo _crm = null!;

    public async Task InitializeAsync() => _crm = await DemoSystems.StartCrmAsync(_time);

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Create_answers_with_only_the_new_id_and_the_contact_can_then_be_read()
    {
        var response = await _crm.Client.PostAsJsonAsync("/api/contacts", new
        {
            firstName = "Dana",
            lastName = "Whitaker",
            accountName = "Harbor Point Marine",
            phone = "(415) 555-0199",
            email = "dana@harborpoint.example",
            preferredLanguage = "en-US",
        });

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        created.EnumerateObject().Select(p => p.Name).ShouldBe(["id"]);
        var id = created.Text("id");
        id.ShouldStartWith("003A");
        response.Headers.Location!.ToString().ShouldBe($"/api/contacts/{id}");

        var contact = await (await _crm.Client.GetAsync($"/api/contacts/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        contact.Text("lastName").ShouldBe("Whitaker");
        contact.Text("accountName").ShouldBe("Harbor Point Marine");
        contact.GetProperty("version").GetInt32().ShouldBe(1);
        contact.GetProperty("lastModified").GetDateTimeOffset().ShouldBe(_time.GetUtcNow());

        var found = await (await _crm.Client.GetAsync("/api/contacts?phone=%2B14155550199")).ReadJsonAsync(HttpStatusCode.OK);
        found.GetProperty("records").Texts("id").ShouldBe([id]);
    }

    [Fact]
    public async Task A_create_retried_with_its_idempotency_key_gets_the_same_contact_and_another_body_with_it_a_409()
    {
        var first = await CreateAsync("Dana", "key-1");
        var retried = await CreateAsync("Dana", "key-1");
        var other = await CreateAsync("Eve", "key-1");
        var unkeyed = await CreateAsync("Dana", key: null);

        var id = (await first.ReadJsonAsync(HttpStatusCode.Created)).Text("id");
        (await retried.ReadJsonAsync(HttpStatusCode.OK)).Text("id").ShouldBe(id);
        (await other.ReadJsonAsync(HttpStatusCode.Conflict)).Text("errorCode").ShouldBe("IDEMPOTENCY_KEY_REUSED");
        (await unkeyed.ReadJsonAsync(HttpStatusCode.Created)).Text("id").ShouldNotBe(id);
        var found = await (await _crm.Client.GetAsync("/api/contacts?phone=%2B14155550188")).ReadJsonAsync(HttpStatusCode.OK);
        found.GetProperty("records").GetArrayLength().ShouldBe(2, "the keyed create once, the unkeyed one");
    }

    [Fact]
    public async Task Create_without_a_last_name_is_rejected_in_the_crm_error_shape()
    {
        var error = await (await _crm.Client.PostAsJsonAsync("/api/contacts", new { firstName = "Nobody" }))
            .ReadJsonAsync(HttpStatusCode.BadRequest);

        error.Text("errorCode").ShouldBe("REQUIRED_FIELD_MISSING");
        error.Text("message").ShouldContain("lastName");
    }

    [Fact]
    public async Task Put_with_the_current_version_updates_and_increments_the_version()
    {
        var before = await ReadAsync("003A000001");
        var version = before.GetProperty("version").GetInt32();
        _time.Advance(TimeSpan.FromMinutes(1));

        var response = await PutAsync("003A000001", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "Carter-Lopez");

        var updated = await response.ReadJsonAsync(HttpStatusCode.OK);
        updated.Text("lastName").ShouldBe("Carter-Lopez");
        updated.GetProperty("version").GetInt32().ShouldBe(version + 1);
        updated.GetProperty("lastModified").GetDateTimeOffset().ShouldBe(_time.GetUtcNow());
        response.Headers.ETag!.Tag.ShouldBe($"\"{version + 1}\"");
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_refused_with_412_and_changes_nothing()
    {
        var version = (await ReadAsync("003A000001")).GetProperty("version").GetInt32();
        (await PutAsync("003A000001", $"\"{version}\"", "First-Writer")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var error = await (await PutAsync("003A000001", $"\"{version}\"", "Second-Writer")).ReadJsonAsync(HttpStatusCode.PreconditionFailed);

        error.Text("errorCode").ShouldBe("PRECONDITION_FAILED");
        var current = await ReadAsync("003A000001");
        current.Text("lastName").ShouldBe("First-Writer");
        current.GetProperty("version").GetInt32().ShouldBe(version + 1);
    }

    [Fact]
    public async Task Put_to_a_new_id_creates_the_contact_and_if_match_on_a_missing_one_fails()
    {
        (await PutAsync("003A000900", "1", "Ghost")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var created = await (await PutAsync("003A000900", null, "Upserted")).ReadJsonAsync(HttpStatusCode.Created);

        created.Text("id").ShouldBe("003A000900");
        created.GetProperty("version").GetInt32().ShouldBe(1);
        (await ReadAsync("003A000900")).Text("lastName").ShouldBe("Upserted");
    }

    [Fact]
    public async Task Modification_times_strictly_increase_even_when_the_clock_stands_still()
    {
        var first = await (await PutAsync("003A000002", null, "Lee")).ReadJsonAsync(HttpStatusCode.OK);
        var second = await (await PutAsync("003A000002", null, "Lee")).ReadJsonAsync(HttpStatusCode.OK);
        var other = await (await PutAsync("003A000003", null, "Reyes")).ReadJsonAsync(HttpStatusCode.OK);

        var times = new[] { first, second, other }.Select(c => c.GetProperty("lastModified").GetDateTimeOffset()).ToList();
        times.ShouldBeInOrder(SortDirection.Ascending);
        times.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Chinese_names_round_trip_as_utf8_text()
    {
        var id = (await (await _crm.Client.PostAsJsonAsync("/api/contacts", new
        {
            firstName = "秀兰",
            lastName = "欧阳",
            accountName = "重庆山城火锅餐饮有限公司",
            mobilePhone = "+86 139 2233 4455",
            preferredLanguage = "zh-CN",
        })).ReadJsonAsync(HttpStatusCode.Created)).Text("id");

        var raw = await _crm.Client.GetStringAsync($"/api/contacts/{id}");

        raw.ShouldContain("\"lastName\":\"欧阳\"");
        raw.ShouldContain("\"accountName\":\"重庆山城火锅餐饮有限公司\"");
        var byMobile = await (await _crm.Client.GetAsync("/api/contacts?phone=13922334455")).ReadJsonAsync(HttpStatusCode.OK);
        byMobile.GetProperty("records")[0].Text("firstName").ShouldBe("秀兰");
    }

    [Fact]
    public async Task Modified_since_paging_returns_each_contact_exactly_once()
    {
        var ids = new List<string>();
        int? page = 1;
        var total = 0;
        while (page is not null)
        {
            var result = await (await _crm.Client.GetAsync($"/api/contacts?modifiedSince=2000-01-01T00:00:00Z&page={page}&pageSize=7"))
                .ReadJsonAsync(HttpStatusCode.OK);
            total = result.GetProperty("totalSize").GetInt32();
            ids.AddRange(result.GetProperty("records").Texts("id"));
            var next = result.GetProperty("nextPage");
            page = next.ValueKind == JsonValueKind.Null ? null : next.GetInt32();
        }

        total.ShouldBe(60);
        ids.Count.ShouldBe(total);
        ids.Distinct().Count().ShouldBe(total);
    }

    [Fact]
    public async Task Modified_since_returns_only_what_changed_at_or_after_the_given_time()
    {
        _time.Advance(TimeSpan.FromHours(1));
        var since = _time.GetUtcNow();
        await PutAsync("003A000010", null, "Goldberg");
        var newId = (await (await _crm.Client.PostAsJsonAsync("/api/contacts", new { lastName = "Novak" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Text("id");

        var result = await (await _crm.Client.GetAsync($"/api/contacts?modifiedSince={Uri.EscapeDataString(since.ToString("O"))}"))
            .ReadJsonAsync(HttpStatusCode.OK);

        result.GetProperty("records").Texts("id").ShouldBe(["003A000010", newId]);
        result.GetProperty("nextPage").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_malformed_modified_since_is_a_400()
    {
        var error = await (await _crm.Client.GetAsync("/api/contacts?modifiedSince=yesterday")).ReadJsonAsync(HttpStatusCode.BadRequest);

        error.Text("errorCode").ShouldBe("INVALID_QUERY");
    }

    private async Task<HttpResponseMessage> CreateAsync(string firstName, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/contacts")
        {
            Content = JsonContent.Create(new { firstName, lastName = "Keyed", phone = "(415) 555-0188" }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _crm.Client.SendAsync(request);
    }

    private async Task<JsonElement> ReadAsync(string id) =>
        await (await _crm.Client.GetAsync($"/api/contacts/{id}")).ReadJsonAsync(HttpStatusCode.OK);

    private async Task<HttpResponseMessage> PutAsync(string id, string? ifMatch, string lastName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{id}")
        {
            Content = JsonContent.Create(new { firstName = "Test", lastName, phone = "(415) 555-0134" }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _crm.Client.SendAsync(request);
    }
}
