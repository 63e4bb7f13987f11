using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Rest;

/// <summary>Paged list operations: page numbers, offsets, cursors and OData next links, against WireMock.Net.</summary>
public sealed class PagingTests : IDisposable
{
    private readonly WireMockServer _server = StubServer.Start();

    public void Dispose() => _server.Stop();

    private void Page(string param, string value, string body) =>
        _server.Given(Request.Create().WithPath("/api/contacts").WithParam(param, value).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

    private ConnectorHarness Load(string paging) => ConnectorHarness.Load(StubServer.SystemYaml(_server) + $$$"""

        operations:
          customer.listChanged:
            path: /api/contacts
            query: { since: "{{ since }}" }
            paging: {{{paging}}}
            response: { items: "$.items[*]", fields: { externalId: $.id } }
        """);

    private static string Ids(OperationResult result) =>
        string.Join(",", result.Records.Select(r => r["externalId"]!.ToString()));

    [Fact]
    public async Task Page_numbers_are_followed_until_a_short_page()
    {
        Page("page", "1", """{ "items": [ { "id": 1 }, { "id": 2 } ] }""");
        Page("page", "2", """{ "items": [ { "id": 3 }, { "id": 4 } ] }""");
        Page("page", "3", """{ "items": [ { "id": 5 } ] }""");
        await using var harness = Load("{ type: page, parameter: page, sizeParameter: per_page, size: 2 }");

        var result = await harness.CallAsync("customer.listChanged", ("since", "2024-01-01"));

        Ids(result).ShouldBe("1,2,3,4,5");
        _server.LogEntries.Select(e => e.RequestMessage!.RawQuery).ShouldBe([
            "?since=2024-01-01&page=1&per_page=2", "?since=2024-01-01&page=2&per_page=2", "?since=2024-01-01&page=3&per_page=2"]);
    }

    [Fact]
    public async Task Offsets_advance_by_the_page_size_until_an_empty_page()
    {
        Page("offset", "0", """{ "items": [ { "id": 1 }, { "id": 2 } ] }""");
        Page("offset", "2", """{ "items": [ { "id": 3 }, { "id": 4 } ] }""");
        Page("offset", "4", """{ "items": [ ] }""");
        await using var harness = Load("{ type: offset, parameter: offset, sizeParameter: limit, size: 2 }");

        var result = await harness.CallAsync("customer.listChanged", ("since", "x"));

        Ids(result).ShouldBe("1,2,3,4");
        _server.LogEntries.Count().ShouldBe(3);
    }

    [Fact]
    public async Task A_cursor_from_each_answer_fetches_the_next_until_it_is_absent()
    {
        _server.Given(Request.Create().WithPath("/api/contacts").WithParam("since", "x").WithParam(p => !p.ContainsKey("cursor")).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{ "items": [ { "id": 1 } ], "next": "abc+/=" }"""));
        Page("cursor", "abc+/=", """{ "items": [ { "id": 2 } ], "next": null }""");
        await using var harness = Load("{ type: cursor, parameter: cursor, cursorPath: $.next }");

        var result = await harness.CallAsync("customer.listChanged", ("since", "x"));

        Ids(result).ShouldBe("1,2");
        _server.LogEntries.Last().RequestMessage!.RawQuery.ShouldBe("?since=x&cursor=abc%2B%2F%3D");
    }

    [Fact]
    public async Task An_odata_next_link_is_followed_as_given()
    {
        var next = $"{_server.Urls[0]}/api/contacts?$skiptoken=2";
        Page("since", "x", $$"""{ "items": [ { "id": 1 } ], "@odata.nextLink": "{{next}}" }""");
        Page("$skiptoken", "2", """{ "items": [ { "id": 2 } ] }""");
        await using var harness = Load("{ type: nextLink, nextLinkPath: \"$['@odata.nextLink']\" }");

        var result = await harness.CallAsync("customer.listChanged", ("since", "x"));

        Ids(result).ShouldBe("1,2");
    }

    [Fact]
    public async Task Reaching_max_pages_with_more_to_come_is_an_error_not_a_cut_list()
    {
        Page("page", "1", """{ "items": [ { "id": 1 } ] }""");
        Page("page", "2", """{ "items": [ { "id": 2 } ] }""");
        await using var harness = Load("{ type: page, parameter: page, size: 1, maxPages: 2 }");

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("customer.listChanged", ("since", "x")));

        ex.Message.ShouldBe("crm customer.listChanged: still had more pages after paging.maxPages (2); raise maxPages or narrow the query");
    }
}
