using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Switchboard.Connectors.Tests.Rest;

/// <summary>REST operations declared in YAML, called against a WireMock.Net server: requests, statuses, mapping, read-back.</summary>
public sealed class RestOperationTests : IDisposable
{
    private readonly WireMockServer _server = StubServer.Start();

    public void Dispose() => _server.Stop();

    private ConnectorHarness Load(string operations, string extra = "") =>
        ConnectorHarness.Load(StubServer.SystemYaml(_server, extra: extra) + "\noperations:\n" + operations);

    private void Json(string path, string body, int status = 200, string method = "GET") =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Fact]
    public async Task A_search_sends_the_rendered_query_and_maps_each_item_with_types()
    {
        Json("/api/contacts", """
            { "records": [
              { "id": 17, "name": "Ada", "phone": "030 1234567", "balance": "12.50", "vip": "yes", "modified": 1714550400, "state": "A" },
              { "id": 18, "name": "Bob", "phone": "+49 40 999", "balance": 3, "vip": false, "modified": 1714550460, "state": "X" } ] }
            """);
        await using var harness = Load("""
              customer.findByPhone:
                method: GET
                path: /api/contacts
                query: { phone: "{{ phone }}", fields: "id,name", empty: "{{ nothing }}" }
                response:
                  items: $.records[*]
                  fields:
                    externalId: { path: $.id, type: string }
                    displayName: $.name
                    phone: { path: $.phone, type: phone }
                    balance: { path: $.balance, type: decimal }
                    vip: { path: $.vip, type: boolean }
                    updatedAt: { path: $.modified, type: dateTime, format: epochSeconds }
                    status: { path: $.state, map: { A: active }, mapOther: "*" }
                    source: { default: crm }
            """);

        var result = await harness.CallAsync("customer.findByPhone", ("phone", "+49 30 1234567"));

        result.Outcome.ShouldBe(OperationOutcome.Success);
        result.Records.Count.ShouldBe(2);
        var ada = result.Records[0];
        ada["externalId"]!.GetValue<string>().ShouldBe("17");
        ada["phone"]!.GetValue<string>().ShouldBe("+49301234567");
        ada["balance"]!.GetValue<decimal>().ShouldBe(12.50m);
        ada["vip"]!.GetValue<bool>().ShouldBeTrue();
        ada["updatedAt"]!.GetValue<string>().ShouldBe("2024-05-01T08:00:00Z");
        ada["status"]!.GetValue<string>().ShouldBe("active");
        ada["source"]!.GetValue<string>().ShouldBe("crm");
        result.Records[1]["status"]!.GetValue<string>().ShouldBe("X");
        result.HighWaterMark.ShouldBe("2024-05-01T08:01:00Z");

        var request = _server.LogEntries.Single().RequestMessage!;
        request.RawQuery.ShouldBe("?phone=%2B49%2030%201234567&fields=id%2Cname");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(204)]
    public async Task A_status_configured_as_no_match_is_an_empty_result_not_an_error(int status)
    {
        Json("/api/v1/customers", status == 204 ? string.Empty : """{ "message": "not found" }""", status);
        await using var harness = Load("""
              customer.findByPhone:
                path: /api/v1/customers?phone={{ phone | url_encode }}
                statuses: { 404: noMatch, 204: noMatch }
                response: { items: "$.data[*]", fields: { externalId: $.customerNo } }
            """);

        var result = await harness.CallAsync("customer.findByPhone", ("phone", "+4930111"));

        result.Outcome.ShouldBe(OperationOutcome.NoMatch);
        result.Records.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_create_that_answers_a_bare_id_reads_the_record_back()
    {
        Json("/api/tickets", """{ "id": "T-9" }""", 201, "POST");
        Json("/api/tickets/T-9", """{ "ticket": { "number": "T-9", "subject": "Broken", "state": "new" } }""");
        await using var harness = Load("""
              ticket.create:
                method: POST
                path: /api/tickets
                headers: { Content-Type: application/json }
                idempotencyKey: Idempotency-Key
                body: '{ "subject": {{ subject | json }}, "customer": {{ customerId | json }} }'
                readBack: ticket.get
                response: { fields: { externalId: $.id } }
              ticket.get:
                path: /api/tickets/{{ externalId | url_encode }}
                response:
                  fields:
                    externalId: $.ticket.number
                    subject: $.ticket.subject
                    status: { path: $.ticket.state, map: { new: open, done: closed } }
            """);

        var result = await harness.CallAsync("ticket.create", ("subject", "Broken \"screen\""), ("customerId", "C-1"), ("idempotencyKey", "msg-42"));

        result.Records.Single().ToJsonString().ShouldBe("""{"externalId":"T-9","subject":"Broken","status":"open"}""");
        var create = _server.LogEntries.First().RequestMessage!;
        create.Headers!["Idempotency-Key"].ShouldBe(["msg-42"]);
        JsonNode.Parse(create.Body!)!["subject"]!.GetValue<string>().ShouldBe("Broken \"screen\"");
        _server.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_write_without_its_idempotency_key_is_refused_before_sending()
    {
        await using var harness = Load("""
              ticket.create:
                method: POST
                path: /api/tickets
                idempotencyKey: { header: Idempotency-Key, value: "{{ messageId }}" }
                body: "{}"
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("ticket.create"));

        ex.Message.ShouldBe("crm ticket.create: the idempotency key rendered empty: pass the argument the template '{{ messageId }}' reads");
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_conflict_status_is_an_outcome_with_the_reason_the_system_gave()
    {
        Json("/api/contacts/C-1", """{ "error": { "code": "stale", "message": "version 3 is not the current version 4" } }""", 412, "PUT");
        await using var harness = Load("""
              customer.upsert:
                method: PUT
                path: /api/contacts/{{ externalId }}
                headers: { If-Match: "{{ version }}", Content-Type: application/json }
                body: '{ "name": {{ displayName | json }} }'
            """);

        var result = await harness.CallAsync("customer.upsert", ("externalId", "C-1"), ("version", "\"3\""), ("displayName", "Ada"));

        result.Outcome.ShouldBe(OperationOutcome.Conflict);
        result.Reason.ShouldBe("version 3 is not the current version 4");
        _server.LogEntries.Single().RequestMessage!.Headers!["If-Match"].ShouldBe(["\"3\""]);
    }

    [Theory]
    [InlineData("""{ "type": "about:blank", "title": "Invalid", "status": 422, "detail": "phone is not valid" }""", "phone is not valid")]
    [InlineData("""{ "error": { "code": "BadRequest", "message": { "lang": "en", "value": "Property 'x' does not exist" } } }""", "Property 'x' does not exist")]
    [InlineData("""{ "errors": [ { "message": "email already taken" } ] }""", "email already taken")]
    [InlineData("""{ "status": "error", "result": { "why": "customer is blocked" } }""", "customer is blocked")]
    [InlineData("plain text failure", "plain text failure")]
    public async Task Error_bodies_of_many_shapes_give_the_reason(string body, string reason)
    {
        Json("/api/orders", body, 422, "POST");
        await using var harness = Load("""
              order.create:
                method: POST
                path: /api/orders
                body: "{}"
                errorReason: [ $.result.why ]
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("order.create"));

        ex.Message.ShouldBe($"crm order.create: answered 422 Unprocessable Entity: {reason}");
        ex.Kind.ShouldBe(ConnectorFailureKind.Status);
        ex.Status.ShouldBe(422);
    }

    [Fact]
    public async Task A_transient_status_is_retried_and_the_error_says_how_often()
    {
        Json("/api/contacts", """{ "message": "maintenance" }""", 503);
        await using var harness = Load("""
              customer.findByPhone:
                path: /api/contacts
                response: { items: "$[*]", fields: { externalId: $.id } }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("customer.findByPhone"));

        ex.Message.ShouldBe("crm customer.findByPhone: answered 503 Service Unavailable after 2 attempts: maintenance");
        _server.LogEntries.Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_says_where_it_pointed()
    {
        _server.Given(Request.Create().WithPath("/old").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", "https://elsewhere.example/new"));
        await using var harness = Load("""
              customer.get:
                path: /old
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("customer.get"));

        ex.Message.ShouldBe("crm customer.get: answered 301 Moved Permanently redirecting to https://elsewhere.example/new; redirects are not followed, so point the address or path at the final location");
    }

    [Fact]
    public async Task An_answer_that_does_not_match_the_mapping_names_field_and_value()
    {
        Json("/api/orders/O-1", """{ "orderNo": "O-1", "total": "12,50" }""");
        await using var harness = Load("""
              order.get:
                path: /api/orders/{{ orderNo }}
                response: { fields: { externalId: $.orderNo, total: { path: $.total, type: decimal } } }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("order.get", ("orderNo", "O-1")));

        ex.Kind.ShouldBe(ConnectorFailureKind.Mapping);
        ex.Field.ShouldBe("total");
        ex.Value.ShouldBe("12,50");
        ex.Message.ShouldStartWith("crm order.get: field 'total': value \"12,50\" ");
    }

    [Fact]
    public async Task A_required_field_missing_from_the_answer_is_a_mapping_error()
    {
        Json("/api/orders/O-1", """{ "orderNo": "O-1" }""");
        await using var harness = Load("""
              order.get:
                path: /api/orders/{{ orderNo }}
                response: { fields: { externalId: $.orderNo, status: { path: $.status, required: true } } }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("order.get", ("orderNo", "O-1")));

        ex.Field.ShouldBe("status");
        ex.Message.ShouldStartWith("crm order.get: field 'status' ");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_response_error()
    {
        _server.Given(Request.Create().WithPath("/api/contacts").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{ \"records\": [ "));
        await using var harness = Load("""
              customer.findByPhone:
                path: /api/contacts
                response: { items: "$.records[*]", fields: { externalId: $.id } }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("customer.findByPhone"));

        ex.Kind.ShouldBe(ConnectorFailureKind.Response);
        ex.Message.ShouldStartWith("crm customer.findByPhone: answered 200 OK but the body ");
    }

    [Fact]
    public async Task Shadow_mode_performs_reads_and_records_writes_without_sending_them()
    {
        Json("/api/contacts", """[ { "id": 1 } ]""");
        await using var harness = ConnectorHarness.Load(StubServer.SystemYaml(_server).Replace("mode: on", "mode: shadow") + """

            operations:
              customer.findByPhone:
                path: /api/contacts
                response: { items: "$[*]", fields: { externalId: $.id } }
              interaction.log:
                method: POST
                path: /api/activities
                body: "{}"
            """);
        var trace = new OperationTrace();

        (await harness.CallAsync("customer.findByPhone")).Records.Count.ShouldBe(1);
        var write = await harness.CallAsync("crm", "interaction.log", OperationArguments.Empty, trace);

        write.Outcome.ShouldBe(OperationOutcome.Success);
        trace.Exchanges.Single().Request.ShouldBe("SHADOW interaction.log: not sent (mode: shadow)");
        _server.LogEntries.Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_system_that_is_off_is_not_called()
    {
        await using var harness = ConnectorHarness.Load(StubServer.SystemYaml(_server).Replace("mode: on", "mode: off") + """

            operations:
              customer.get: { path: /x }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("customer.get"));

        ex.Message.ShouldBe("crm customer.get: crm is off (mode: off in systems/crm.yaml); set mode to shadow, pilot or on to call it");
        _server.LogEntries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_operation_names_the_ones_the_system_defines()
    {
        await using var harness = Load("""
              customer.get: { path: /x }
              order.get: { path: /y }
            """);

        var ex = await Should.ThrowAsync<ConnectorException>(() => harness.CallAsync("ticket.create"));

        ex.Message.ShouldBe("crm ticket.create: crm does not define the operation 'ticket.create' (it defines customer.get, order.get)");
    }

    [Fact]
    public async Task An_address_with_a_base_path_keeps_it_for_every_operation()
    {
        Json("/odata/v4/Customers", """{ "value": [ { "CustomerID": "ALFKI" } ] }""");
        await using var harness = ConnectorHarness.Load(StubServer.SystemYaml(_server).Replace("address: " + _server.Urls[0] + "/", "address: " + _server.Urls[0] + "/odata/v4") + """

            operations:
              customer.findByPhone:
                path: /Customers
                query: { $filter: "Phone eq '{{ phone }}'", $select: "CustomerID,Phone" }
                response: { items: "$.value[*]", fields: { externalId: $.CustomerID } }
            """);

        var result = await harness.CallAsync("customer.findByPhone", ("phone", "030-0074321"));

        result.Records.Single()["externalId"]!.GetValue<string>().ShouldBe("ALFKI");
        _server.LogEntries.Single().RequestMessage!.RawQuery.ShouldBe("?%24filter=Phone%20eq%20%27030-0074321%27&%24select=CustomerID%2CPhone");
    }
}
