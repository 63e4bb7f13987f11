using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Crm;

public sealed class CrmContactLookupTests : IAsyncLifetime
{
    private RunningDemo _crm = null!;

    public async Task InitializeAsync() => _crm = await DemoSystems.StartCrmAsync();

    public async Task DisposeAsync() => await _crm.DisposeAsync();

    [Fact]
    public async Task Api_routes_require_the_api_key_and_answer_in_the_crm_error_shape()
    {
        var anonymous = await _crm.Anonymous.GetAsync("/api/contacts?phone=4155550134");
        var error = await anonymous.ReadJsonAsync(HttpStatusCode.Unauthorized);
        error.Text("errorCode").ShouldBe("INVALID_SESSION_ID");
        error.Text("message").ShouldContain("X-Api-Key");

        using var wrongKey = _crm.Create("demo-erp-key");
        (await wrongKey.GetAsync("/api/contacts/003A000001")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrongKey.PostAsync("/api/activities", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_answers_without_a_key()
    {
        var health = await (await _crm.Anonymous.GetAsync("/health")).ReadJsonAsync(HttpStatusCode.OK);
        health.Text("status").ShouldBe("ok");
    }

    [Theory]
    [InlineData("(415) 555-0134")]
    [InlineData("415-555-0134")]
    [InlineData("+1 415 555 0134")]
    [InlineData("+14155550134")]
    [InlineData("14155550134")]
    [InlineData("4155550134")]
    [InlineData("001 415 555 0134")]
    public async Task A_us_number_is_found_in_any_format(string phone)
    {
        var result = await SearchAsync(phone);

        result.GetProperty("totalSize").GetInt32().ShouldBe(1);
        var contact = result.GetProperty("records")[0];
        contact.Text("id").ShouldBe("003A000001");
        contact.Text("lastName").ShouldBe("Carter");
        contact.Text("phone").ShouldBe("(415) 555-0134");
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("020 7946 0958")]
    [InlineData("00442079460958")]
    [InlineData("442079460958")]
    [InlineData("+44 (0)20 7946 0958")]
    public async Task A_uk_number_is_found_in_national_international_and_digit_formats(string phone)
    {
        var records = (await SearchAsync(phone)).GetProperty("records");

        records.Texts("lastName").ShouldBe(["Whitfield"]);
        records[0].Text("phone").ShouldBe("+44 20 7946 0958");
    }

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("13812345678")]
    [InlineData("8613812345678")]
    [InlineData("+8613812345678")]
    public async Task A_chinese_mobile_is_found_by_the_contacts_mobile_phone(string phone)
    {
        var records = (await SearchAsync(phone)).GetProperty("records");

        records.GetArrayLength().ShouldBe(1);
        records[0].Text("lastName").ShouldBe("王");
        records[0].Text("firstName").ShouldBe("伟");
        records[0].Text("accountName").ShouldBe("上海明辉贸易有限公司");
    }

    [Fact]
    public async Task A_number_typed_nationally_in_the_crm_is_found_by_its_international_form()
    {
        // Sophie Clarke's phone was typed as "020 7946 0312" and Zhou Yan's mobile as "13917734852".
        (await SearchAsync("+44 20 7946 0312")).GetProperty("records").Texts("lastName").ShouldBe(["Clarke"]);
        (await SearchAsync("+86 139 1773 4852")).GetProperty("records").Texts("lastName").ShouldBe(["周"]);
    }

    [Theory]
    [InlineData("+1 212 555 0100", "Reyes", "Shah")]
    [InlineData("(312) 555-0147", "Mitchell", "Mitchell")]
    [InlineData("01614960321", "Bennett", "Bennett")]
    [InlineData("862162350188", "王", "张")]
    public async Task A_shared_number_returns_both_contacts(string phone, string firstLastName, string secondLastName)
    {
        var result = await SearchAsync(phone);

        result.GetProperty("totalSize").GetInt32().ShouldBe(2);
        result.GetProperty("records").Texts("lastName").ShouldBe([firstLastName, secondLastName]);
    }

    [Fact]
    public async Task An_unknown_number_returns_an_empty_list()
    {
        var result = await SearchAsync("+1 415 555 0999");

        result.GetProperty("totalSize").GetInt32().ShouldBe(0);
        result.GetProperty("records").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_contact_id_is_a_404_in_the_crm_error_shape()
    {
        var error = await (await _crm.Client.GetAsync("/api/contacts/003A999999")).ReadJsonAsync(HttpStatusCode.NotFound);

        error.Text("errorCode").ShouldBe("NOT_FOUND");
        error.Text("message").ShouldContain("003A999999");
    }

    [Fact]
    public async Task Seed_data_is_the_same_on_every_start_at_the_same_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        await using var first = await DemoSystems.StartCrmAsync(time);
        await using var second = await DemoSystems.StartCrmAsync(time);

        foreach (var path in new[] { "/api/contacts?pageSize=200", "/api/cases?status=all", "/api/activities" })
        {
            (await second.Client.GetStringAsync(path)).ShouldBe(await first.Client.GetStringAsync(path), path);
        }
    }

    private async Task<System.Text.Json.JsonElement> SearchAsync(string phone) =>
        await (await _crm.Client.GetAsync($"/api/contacts?phone={Uri.EscapeDataString(phone)}")).ReadJsonAsync(HttpStatusCode.OK);
}
