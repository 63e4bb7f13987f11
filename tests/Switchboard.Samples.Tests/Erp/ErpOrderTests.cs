using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Samples.Tests.Support;

namespace Switchboard.Samples.Tests.Erp;

public sealed class ErpOrderTests : IAsyncLifetime
{
    private static readonly string[] StatusCodes = ["NEW", "CONF", "PICK", "SHIP", "DLVD", "CANC"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private RunningDemo _erp = null!;

    public async Task InitializeAsync() => _erp = await DemoSystems.StartErpAsync(_time);

    public async Task DisposeAsync() => await _erp.DisposeAsync();

    [Fact]
    public async Task A_new_order_is_created_with_status_new_and_amounts_as_strings()
    {
        var response = await CreateAsync(new
        {
            customer_no = "C10238",
            lines = new object[]
            {
                new { sku = "PAP-A4-80", qty = "2" },
                new { sku = "SPECIAL-1", description = "Custom engraved name plate", qty = 1.5, unit_price = "12.40" },
            },
        });

        var order = await response.ReadJsonAsync(HttpStatusCode.Created);
        order.Text("order_no").ShouldMatch(@"^SO-2026-\d{5}$");
        order.Text("status").ShouldBe("NEW");
        order.Text("currency").ShouldBe("USD");
        order.Text("total").ShouldBe("88.58");
        order.GetProperty("created_at").GetInt64().ShouldBe(_time.GetUtcNow().ToUnixTimeSeconds());
        var lines = order.GetProperty("lines");
        lines[0].Text("qty").ShouldBe("2.000");
        lines[0].Text("unit_price").ShouldBe("34.99");
        lines[0].Text("description").ShouldBe("A4 copy paper 80gsm, box of 5 reams");
        lines[1].Text("qty").ShouldBe("1.500");
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/orders/{order.Text("order_no")}");

        var read = await (await _erp.Client.GetAsync($"/api/v1/orders/{order.Text("order_no")}")).ReadJsonAsync(HttpStatusCode.OK);
        read.Text("total").ShouldBe("88.58");
    }

    [Theory]
    [InlineData("""{"customer_no":"C10238","lines":[{"sku":"PAP-A4-80","qty":"0"}]}""", "line 1: qty must be positive")]
    [InlineData("""{"customer_no":"C10238","lines":[{"sku":"PAP-A4-80","qty":"1"},{"sku":"PAP-A4-80","qty":"-2"}]}""", "line 2: qty must be positive")]
    [InlineData("""{"customer_no":"C10238","lines":[{"sku":"PAP-A4-80","qty":"two"}]}""", "line 1: qty \"two\" is not a number")]
    [InlineData("""{"customer_no":"C10238","lines":[{"sku":"NOT-IN-CATALOGUE","qty":"1"}]}""", "line 1: unit_price is required for NOT-IN-CATALOGUE, which is not in the catalogue")]
    [InlineData("""{"customer_no":"C10238","lines":[]}""", "an order needs at least one line")]
    [InlineData("""{"customer_no":"C99999","lines":[{"sku":"PAP-A4-80","qty":"1"}]}""", "customer_no C99999 does not exist")]
    [InlineData("""{"customer_no":"C10238","currency":"EUR","lines":[{"sku":"PAP-A4-80","qty":"1"}]}""", "currency EUR is not one of USD, GBP, CNY")]
    [InlineData("""{"customer_no":""", "the request body is not valid JSON")]
    public async Task An_invalid_order_is_refused_with_a_400_naming_the_problem(string body, string text)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var error = await (await _erp.Client.PostAsync("/api/v1/orders", content)).ReadJsonAsync(HttpStatusCode.BadRequest);

        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(400);
        error.GetProperty("error").Text("text").ShouldStartWith(text);
    }

    [Fact]
    public async Task Actions_move_an_order_through_its_statuses_and_refuse_a_cancel_after_shipping()
    {
        var orderNo = (await (await CreateAsync(SimpleOrder())).ReadJsonAsync(HttpStatusCode.Created)).Text("order_no");

        (await ActAsync(orderNo, "confirm", HttpStatusCode.OK)).Text("status").ShouldBe("CONF");
        (await ActAsync(orderNo, "ship", HttpStatusCode.OK)).Text("status").ShouldBe("SHIP");
        var conflict = await ActAsync(orderNo, "cancel", HttpStatusCode.Conflict);

        conflict.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(409);
        conflict.GetProperty("error").Text("text").ShouldContain("SHIP");
        var order = await (await _erp.Client.GetAsync($"/api/v1/orders/{orderNo}")).ReadJsonAsync(HttpStatusCode.OK);
        order.Text("status").ShouldBe("SHIP");
    }

    [Fact]
    public async Task A_new_order_can_be_cancelled_but_not_shipped_before_confirmation()
    {
        var orderNo = (await (await CreateAsync(SimpleOrder())).ReadJsonAsync(HttpStatusCode.Created)).Text("order_no");

        await ActAsync(orderNo, "ship", HttpStatusCode.Conflict);
        (await ActAsync(orderNo, "cancel", HttpStatusCode.OK)).Text("status").ShouldBe("CANC");
        await ActAsync(orderNo, "confirm", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Each_change_gets_a_later_changed_at_even_within_one_second()
    {
        var created = await (await CreateAsync(SimpleOrder())).ReadJsonAsync(HttpStatusCode.Created);
        var orderNo = created.Text("order_no");

        var confirmed = await ActAsync(orderNo, "confirm", HttpStatusCode.OK);
        var shipped = await ActAsync(orderNo, "ship", HttpStatusCode.OK);

        var start = created.GetProperty("changed_at").GetInt64();
        confirmed.GetProperty("changed_at").GetInt64().ShouldBe(start + 1);
        shipped.GetProperty("changed_at").GetInt64().ShouldBe(start + 2);
        shipped.GetProperty("created_at").GetInt64().ShouldBe(start);
    }

    [Fact]
    public async Task Unknown_orders_and_actions_are_404_in_the_erp_error_shape()
    {
        var missing = await (await _erp.Client.GetAsync("/api/v1/orders/SO-2026-99999")).ReadJsonAsync(HttpStatusCode.NotFound);
        missing.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(404);
        await ActAsync("SO-2026-99999", "confirm", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_order_and_creates_nothing_new()
    {
        var first = await (await CreateAsync(SimpleOrder(), "po-4471")).ReadJsonAsync(HttpStatusCode.Created);
        var retry = await (await CreateAsync(SimpleOrder(), "po-4471")).ReadJsonAsync(HttpStatusCode.OK);
        var misuse = await (await CreateAsync(SimpleOrder(qty: "9"), "po-4471")).ReadJsonAsync(HttpStatusCode.Conflict);

        retry.Text("order_no").ShouldBe(first.Text("order_no"));
        misuse.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(409);
        var orders = await (await _erp.Client.GetAsync("/api/v1/orders?customerNo=C10122&limit=100")).ReadJsonAsync(HttpStatusCode.OK);
        orders.GetProperty("data").Texts("order_no").Count(n => n == first.Text("order_no")).ShouldBe(1);
    }

    [Fact]
    public async Task Changed_since_paging_returns_each_order_exactly_once_in_change_order()
    {
        var all = await FollowAsync("/api/v1/orders?changedSince=0&limit=100");
        var paged = await FollowAsync("/api/v1/orders?changedSince=0&limit=7");

        paged.Count.ShouldBeGreaterThan(50);
        paged.Select(o => o.Text("order_no")).ShouldBe(all.Select(o => o.Text("order_no")));
        paged.Select(o => o.Text("order_no")).Distinct().Count().ShouldBe(paged.Count);
        paged.Select(o => o.GetProperty("changed_at").GetInt64()).ShouldBeInOrder(SortDirection.Ascending);
        paged.Select(o => o.Text("status")).ShouldAllBe(s => StatusCodes.Contains(s));
    }

    [Fact]
    public async Task Changed_since_returns_only_orders_changed_at_or_after_it()
    {
        _time.Advance(TimeSpan.FromDays(1));
        var since = _time.GetUtcNow().ToUnixTimeSeconds();
        var created = (await (await CreateAsync(SimpleOrder())).ReadJsonAsync(HttpStatusCode.Created)).Text("order_no");

        var changed = await FollowAsync($"/api/v1/orders?changedSince={since}");

        changed.Select(o => o.Text("order_no")).ShouldBe([created]);
    }

    [Fact]
    public async Task A_customers_orders_are_listed_newest_first_and_paged_by_cursor()
    {
        var customer = "C10122";
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await (await CreateAsync(SimpleOrder())).ReadJsonAsync(HttpStatusCode.Created)).Text("order_no"));
        }

        var first = await (await _erp.Client.GetAsync($"/api/v1/orders?customerNo={customer}&limit=2")).ReadJsonAsync(HttpStatusCode.OK);
        first.GetProperty("data").Texts("order_no").ShouldBe([mine[2], mine[1]]);
        var next = first.Text("next");
        next.ShouldStartWith($"/api/v1/orders?customerNo={customer}&limit=2&cursor=");

        var everything = await FollowAsync($"/api/v1/orders?customerNo={customer}&limit=2");
        everything.Select(o => o.Text("customer_no")).ShouldAllBe(c => c == customer);
        everything.Select(o => o.Text("order_no")).ShouldBeInOrder(SortDirection.Descending, StringComparer.Ordinal);
        everything.Select(o => o.Text("order_no")).ShouldContain(mine[0]);
    }

    [Fact]
    public async Task A_cursor_from_another_kind_of_query_is_a_400()
    {
        var page = await (await _erp.Client.GetAsync("/api/v1/orders?limit=1")).ReadJsonAsync(HttpStatusCode.OK);
        var cursor = page.Text("next").Split("cursor=")[1];

        var error = await (await _erp.Client.GetAsync($"/api/v1/orders?changedSince=0&cursor={cursor}")).ReadJsonAsync(HttpStatusCode.BadRequest);

        error.GetProperty("error").Text("text").ShouldContain("cursor");
    }

    private static object SimpleOrder(string qty = "3") => new
    {
        customer_no = "C10122",
        currency = "GBP",
        lines = new[] { new { sku = "TNR-HP-26A", qty } },
    };

    private async Task<HttpResponseMessage> CreateAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _erp.Client.SendAsync(request);
    }

    private async Task<JsonElement> ActAsync(string orderNo, string action, HttpStatusCode expected) =>
        await (await _erp.Client.PostAsync($"/api/v1/orders/{orderNo}/{action}", null)).ReadJsonAsync(expected);

    private async Task<List<JsonElement>> FollowAsync(string path)
    {
        var orders = new List<JsonElement>();
        string? next = path;
        while (next is not null)
        {
            var page = await (await _erp.Client.GetAsync(next)).ReadJsonAsync(HttpStatusCode.OK);
            orders.AddRange(page.GetProperty("data").EnumerateArray());
            var link = page.GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
        }

        return orders;
    }
}
