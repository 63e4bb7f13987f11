using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security;
using Switchboard.Testing;

namespace Switchboard.IntegrationTests.Api;

/// <summary>The REST API through the real server; runs unchanged on SQLite and on PostgreSQL.</summary>
public abstract class HubApiTests(TestStorage storage) : IAsyncLifetime
{
    private TestHub _hub = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(storage);
        _admin = await _hub.AdminAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Every_api_route_refuses_a_request_without_a_key()
    {
        var routes = _hub.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .ToList();
        routes.Count.ShouldBeGreaterThan(10);

        var anonymous = _hub.Client();
        foreach (var (method, pattern) in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            using var response = await anonymous.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{method} {path}");
        }
    }

    [Theory]
    [InlineData("not-a-key", "malformed")]
    [InlineData("sbk_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not valid")]
    public async Task A_wrong_key_is_refused_with_the_reason(string key, string reason)
    {
        var response = await _hub.Client(key).GetAsync("/api/v1/status");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("ApiKey");
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain(reason);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "short-lived", roles = new[] { "system" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("apiKey").GetProperty("id").GetString()!;
        (await _hub.Client(key).GetAsync("/api/v1/status")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _admin.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var refused = await _hub.Client(key).GetAsync("/api/v1/status");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Problem(refused)).GetProperty("detail").GetString()!.ShouldContain("revoked");
        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/api-keys");
        listed.GetRawText().ShouldNotContain("secretHash", Case.Insensitive);
    }

    [Fact]
    public async Task A_role_without_the_permission_gets_403_naming_it()
    {
        var agent = _hub.Client(await _hub.IssueKeyAsync(Roles.Agent));
        (await agent.GetAsync("/api/v1/status")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await agent.GetAsync("/api/v1/api-keys");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("ApiKeysManage");
    }

    [Fact]
    public async Task A_customer_is_found_by_its_phone_in_any_format()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/customers", new
        {
            firstName = "伟",
            lastName = "王",
            displayName = "王伟",
            language = "zh-CN",
            phones = new[] { new { number = "(415) 555-0134", label = "work", primary = true } },
            emails = new[] { "Wang.Wei@Example.com" },
            crossReferences = new[] { new { system = "crm", externalId = "003A000001" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/customers/{id}");

        foreach (var format in new[] { "+14155550134", "415-555-0134", "1 (415) 555 0134", "tel:+1-415-555-0134" })
        {
            var found = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers?phone={Uri.EscapeDataString(format)}");
            found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ShouldBe([id], format);
        }

        var byEmail = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/customers?email=wang.wei@example.com");
        byEmail.GetProperty("items")[0].GetProperty("displayName").GetString().ShouldBe("王伟");
        var byReference = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/customers?system=crm&externalId=003A000001");
        byReference.GetProperty("items")[0].GetProperty("id").GetString().ShouldBe(id);
    }

    [Fact]
    public async Task An_invalid_customer_gets_every_field_error_and_changes_nothing()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/customers", new
        {
            displayName = "Bad Input",
            phones = new[] { new { number = "12", label = (string?)null, primary = false } },
            emails = new[] { "not-an-email" },
            crossReferences = new[] { new { system = "sap", externalId = "1" } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await Problem(response)).GetProperty("errors");
        errors.GetProperty("phones[0].number")[0].GetString()!.ShouldContain("'12'");
        errors.GetProperty("emails[0]")[0].GetString()!.ShouldContain("not-an-email");
        errors.GetProperty("crossReferences[0].system")[0].GetString()!.ShouldContain("configured: crm");
        var all = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/customers");
        all.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_json_gets_a_problem_naming_the_position()
    {
        var response = await _admin.PostAsync("/api/v1/customers",
            new StringContent("{\"displayName\": \"x\",\n \"phones\": [ {\"number\": } ] }", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problem(response);
        problem.GetProperty("title").GetString().ShouldBe("Malformed JSON");
        problem.GetProperty("detail").GetString()!.ShouldContain("line 2");
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_unknown_field_is_refused()
    {
        var response = await _admin.PostAsync("/api/v1/customers",
            new StringContent("""{"displayName": "x", "nickname": "y"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("nickname");
    }

    [Fact]
    public async Task An_oversize_body_gets_413()
    {
        var big = new string('x', 70_000);
        var response = await _admin.PostAsync("/api/v1/customers",
            new StringContent($$"""{"displayName": "{{big}}"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await Problem(response)).GetProperty("detail").GetString()!.ShouldContain("65536");
    }

    [Fact]
    public async Task Orders_and_tickets_are_kept_per_customer()
    {
        var customer = await (await _admin.PostAsJsonAsync("/api/v1/customers", new { displayName = "Acme Ltd", phones = new[] { new { number = "+44 20 7946 0958" } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetString();

        var order = await _admin.PostAsJsonAsync("/api/v1/orders", new
        {
            customerId = id,
            number = "SO-2026-00123",
            status = "submitted",
            currency = "gbp",
            lines = new[] { new { sku = "A-1", description = "Widget", quantity = 3m, unitPrice = 0.1m } },
        });
        order.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetDecimal().ShouldBe(0.3m);
        var badOrder = await _admin.PostAsJsonAsync("/api/v1/orders", new { customerId = "nobody", status = "flying", lines = Array.Empty<object>() });
        var orderErrors = (await Problem(badOrder)).GetProperty("errors");
        orderErrors.GetProperty("customerId")[0].GetString()!.ShouldContain("names no customer");
        orderErrors.GetProperty("status")[0].GetString()!.ShouldContain("Draft, Submitted");

        (await _admin.PostAsJsonAsync("/api/v1/tickets", new { customerId = id, subject = "Late delivery", priority = "high" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _admin.PostAsJsonAsync("/api/v1/tickets", new { customerId = id, subject = "Old question", status = "closed" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var orders = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/orders");
        orders.GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("submitted");
        orders.GetProperty("items")[0].GetProperty("currency").GetString().ShouldBe("GBP");
        var open = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}/tickets?open=true");
        open.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("subject").GetString()).ShouldBe(["Late delivery"]);
    }

    [Fact]
    public async Task Agent_state_is_kept_and_queryable()
    {
        var put = await _admin.PutAsJsonAsync("/api/v1/agents/agent-100", new { name = "李娜", extension = "Local/100@agents", queues = new[] { "support" }, state = "notReady", stateReason = "lunch" });
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        var agent = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/agents/agent-100");
        agent.GetProperty("state").GetString().ShouldBe("notReady");
        agent.GetProperty("stateReason").GetString().ShouldBe("lunch");
        (await _admin.GetAsync("/api/v1/agents/nobody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_and_carried_by_the_logs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers/missing");
        request.Headers.Add("X-Correlation-Id", "call-center-trace-42");

        var response = await _admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldBe("call-center-trace-42");
        (await Problem(response)).GetProperty("correlationId").GetString().ShouldBe("call-center-trace-42");
        _hub.Logs.Entries.ShouldContain(e => e.Scope.ContainsKey("CorrelationId")
            && Equals(e.Scope["CorrelationId"], "call-center-trace-42") && e.Message.Contains("/api/v1/customers/missing"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_key()
    {
        var document = await _hub.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("paths").TryGetProperty("/api/v1/customers", out _).ShouldBeTrue();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
    }

    [Fact]
    public async Task Health_says_live_and_ready()
    {
        var client = _hub.Client();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldContain(storage == TestStorage.Sqlite ? "SQLite" : "PostgreSQL", Case.Insensitive);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed class HubApiOnSqliteTests() : HubApiTests(TestStorage.Sqlite);

public sealed class HubApiOnPostgreSqlTests() : HubApiTests(TestStorage.PostgreSql);
