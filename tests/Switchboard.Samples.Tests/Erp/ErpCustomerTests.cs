using System.Net;
using System.Text.Json;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Erp;

public sealed class ErpCustomerTests : IAsyncLifetime
{
    private RunningDemo _erp = null!;

    public async Task InitializeAsync() => _erp = await DemoSystems.StartErpAsync();

    public async Task DisposeAsync() => await _erp.DisposeAsync();

    [Fact]
    public async Task Api_routes_require_the_api_key_and_answer_in_the_erp_error_shape()
    {
        var error = await (await _erp.Anonymous.GetAsync("/api/v1/customers?phone=14155550134")).ReadJsonAsync(HttpStatusCode.Unauthorized);

        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(401);
        error.GetProperty("error").Text("text").ShouldContain("X-Api-Key");
        using var crmKey = _erp.Create("demo-crm-key");
        (await crmKey.GetAsync("/api/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _erp.Anonymous.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("14155550134")]
    [InlineData("+1 (415) 555-0134")]
    [InlineData("(415) 555-0134")]
    [InlineData("4155550134")]
    public async Task A_us_customer_is_found_by_digits_national_and_international_formats(string phone)
    {
        var customer = (await SearchAsync(phone)).EnumerateArray().ShouldHaveSingleItem();

        customer.Text("customer_no").ShouldBe("C10238");
        customer.Text("name").ShouldBe("Bayview Dental Group, P.C.");
        customer.Text("phone").ShouldBe("14155550134");
        customer.GetProperty("created_at").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("020 7946 0958")]
    [InlineData("00442079460958")]
    public async Task A_uk_customer_is_found_with_its_vat_number(string phone)
    {
        var customer = (await SearchAsync(phone)).EnumerateArray().ShouldHaveSingleItem();

        customer.Text("name").ShouldBe("Whitfield & Hart LLP");
        customer.Text("vat_no").ShouldStartWith("GB");
    }

    [Fact]
    public async Task No_match_is_204_with_no_body()
    {
        var response = await _erp.Client.GetAsync("/api/v1/customers?phone=%2B14155550999");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_shared_switchboard_returns_both_customers_with_chinese_names_as_utf8()
    {
        var raw = await _erp.Client.GetStringAsync("/api/v1/customers?phone=%2B86%2021%206235%200188");

        raw.ShouldContain("上海明辉贸易有限公司");
        var names = JsonDocument.Parse(raw).RootElement.GetProperty("data").Texts("name");
        names.ShouldBe(["上海明辉贸易有限公司", "明辉国际物流（上海）有限公司"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_customer_is_read_by_number_and_an_unknown_one_is_a_404()
    {
        var found = await (await _erp.Client.GetAsync("/api/v1/customers/C10122")).ReadJsonAsync(HttpStatusCode.OK);
        var missing = await (await _erp.Client.GetAsync("/api/v1/customers/C99999")).ReadJsonAsync(HttpStatusCode.NotFound);

        found.GetProperty("data").Text("name").ShouldBe("Whitfield & Hart LLP");
        missing.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task The_crm_and_erp_describe_the_same_people_under_the_same_numbers()
    {
        await using var crm = await DemoSystems.StartCrmAsync();
        var contacts = await (await crm.Client.GetAsync("/api/contacts?pageSize=200")).ReadJsonAsync(HttpStatusCode.OK);

        var joined = 0;
        foreach (var contact in contacts.GetProperty("records").EnumerateArray())
        {
            foreach (var field in new[] { "phone", "mobilePhone" })
            {
                if (contact.GetProperty(field).GetString() is { } phone &&
                    (await _erp.Client.GetAsync($"/api/v1/customers?phone={Uri.EscapeDataString(phone)}")).StatusCode == HttpStatusCode.OK)
                {
                    joined++;
                }
            }
        }

        // Most CRM contacts reach an ERP customer through their phone or mobile.
        joined.ShouldBeGreaterThanOrEqualTo(30);
        var sarah = await (await crm.Client.GetAsync("/api/contacts/003A000005")).ReadJsonAsync(HttpStatusCode.OK);
        var customer = (await SearchAsync(sarah.Text("phone"))).EnumerateArray().ShouldHaveSingleItem();
        customer.Text("name").ShouldBe($"{sarah.Text("firstName")} {sarah.Text("lastName")}");
        customer.Text("customer_no").ShouldNotBe(sarah.Text("id"));
    }

    [Fact]
    public async Task A_phone_too_short_to_search_is_a_400()
    {
        var error = await (await _erp.Client.GetAsync("/api/v1/customers?phone=555")).ReadJsonAsync(HttpStatusCode.BadRequest);

        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(400);
    }

    private async Task<JsonElement> SearchAsync(string phone) =>
        (await (await _erp.Client.GetAsync($"/api/v1/customers?phone={Uri.EscapeDataString(phone)}")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("data");
}
