using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>Bad operations, each reported once with file, line, column, field, value and reason.</summary>
public sealed class OperationErrorTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    /// <summary>A REST system whose operation customer.create has <paramref name="line"/> as its fourth line (line 8 of the file).</summary>
    private static string RestOperation(string line) => $"""
        name: crm
        protocol: rest
        address: https://crm.example.com/
        operations:
          customer.create:
            method: POST
            path: /customers
            {line}
          customer.get:
            path: /customers/{"{{"} externalId {"}}"}
        """;

    [Theory]
    [InlineData("paging: { type: pages, parameter: p }",
        "8:21: operations.customer.create.paging.type: 'pages' is not one of page, offset, cursor, nextLink")]
    [InlineData("paging: { type: cursor, parameter: cursor }",
        "8:13: operations.customer.create.paging.cursorPath: is required for paging type cursor")]
    [InlineData("paging: { type: offset, sizeParameter: limit }",
        "8:13: operations.customer.create.paging.parameter: is required for paging type offset")]
    [InlineData("paging: { type: nextLink, nextLinkPath: $.next, size: 10 }",
        "8:53: operations.customer.create.paging.size: is not used by paging type nextLink (it uses nextLinkPath, maxPages)")]
    [InlineData("paging: { type: page, parameter: page, start: 2 }",
        "8:51: operations.customer.create.paging.start: '2' is not between 0 and 1")]
    [InlineData("readBack: custmer.get",
        "8:15: operations.customer.create.readBack: 'custmer.get' is not an operation of this system; did you mean 'customer.get'? (defined: customer.get)")]
    [InlineData("readBack: { operation: customer.create }",
        "8:28: operations.customer.create.readBack.operation: 'customer.create' names this operation itself; name the operation that reads the record back, like customer.get")]
    [InlineData("statuses: { 700: fail }",
        "8:17: operations.customer.create.statuses.700: '700' is not an HTTP status (100 .. 599)")]
    [InlineData("statuses: { 404: maybe }",
        "8:22: operations.customer.create.statuses.404: 'maybe' is not one of success, noMatch, conflict, retry, fail")]
    [InlineData("amqp: { routingKey: customers }",
        "8:5: operations.customer.create.amqp: is only used by protocol amqp (this system's protocol is rest)")]
    [InlineData("soap: { action: urn:CreateCustomer }",
        "8:5: operations.customer.create.soap: is only used by protocol soap (this system's protocol is rest)")]
    [InlineData("body: '{ \"name\": {{ name | json }'",
        "8:11: operations.customer.create.body: '{ \"name\": {{ name | json }' has a syntax error at line 1, column 25: End of tag '}}' was expected")]
    [InlineData("query: { phone: \"{{ phone | url_encod }}\" }",
        "8:21: operations.customer.create.query.phone: '{{ phone | url_encod }}' uses the unknown filter 'url_encod' (did you mean 'url_encode'?)")]
    [InlineData("headers: { X-Request: \"{{ id | jsn }}\" }",
        "8:27: operations.customer.create.headers.X-Request: '{{ id | jsn }}' uses the unknown filter 'jsn' (did you mean 'json'?)")]
    [InlineData("idempotencyKey: Idempotency Key",
        "8:21: operations.customer.create.idempotencyKey: 'Idempotency Key' is not a valid HTTP header name")]
    [InlineData("idempotencyKey: { header: Idempotency-Key, value: \"{{ key \" }",
        "8:55: operations.customer.create.idempotencyKey.value: '{{ key ' has a syntax error at line 1, column 7: End of tag '}}' was expected")]
    [InlineData("errorReason: [$.error.message, \"$.errors[\"]",
        "8:36: operations.customer.create.errorReason[1]: '$.errors[' is not a valid JSONPath: Path ended with open indexer.")]
    [InlineData("response: { fields: { externalId: \"$.id[\" } }",
        "8:39: operations.customer.create.response.fields.externalId: '$.id[' is not a valid JSONPath: Path ended with open indexer.")]
    [InlineData("response: { format: xml, namespaces: { c: \"urn:crm\" }, items: //m:Customer }",
        "8:67: operations.customer.create.response.items: '//m:Customer' uses the prefix 'm' which is not declared under namespaces")]
    [InlineData("response: { format: json, namespaces: { c: \"urn:crm\" } }",
        "8:31: operations.customer.create.response.namespaces: is only used when the response is XML (format xml or auto)")]
    [InlineData("response: { fields: { createdAt: { path: $.created, type: dateTime, timeZone: Mars/Base } } }",
        "8:83: operations.customer.create.response.fields.createdAt.timeZone: 'Mars/Base' is not a known IANA time zone id (like Europe/Berlin or UTC)")]
    [InlineData("response: { fields: { name: { path: $.name, type: string, format: iso } } }",
        "8:63: operations.customer.create.response.fields.name.format: is only used by type dateTime or date (this field's type is string)")]
    [InlineData("response: { fields: { day: { path: $.day, type: date, format: x } } }",
        "8:67: operations.customer.create.response.fields.day.format: 'x' is not iso, epochSeconds, epochMillis or a .NET custom date format (like dd.MM.yyyy HH:mm)")]
    [InlineData("response: { fields: { status: { path: $.s, mapOther: \"*\" } } }",
        "8:48: operations.customer.create.response.fields.status.mapOther: is only used with map")]
    [InlineData("response: { fields: { tags: { path: $.t, items: \"$.tags[*]\" } } }",
        "8:35: operations.customer.create.response.fields.tags.path: cannot be combined with items or fields: a value has a path, a list has items, a nested object has fields")]
    [InlineData("response: { fields: { name: { type: string } } }",
        "8:33: operations.customer.create.response.fields.name: needs a path, a default, items or fields")]
    [InlineData("response: { fields: { type: { path: $.t, type: enum } } }",
        "8:52: operations.customer.create.response.fields.type.type: 'enum' is not one of auto, string, integer, decimal, boolean, dateTime, date, phone")]
    [InlineData("response: { fields: { lines: { items: \"$.lines[*]\", fields: { sku: \"$.sku[\" } } } }",
        "8:72: operations.customer.create.response.fields.lines.fields.sku: '$.sku[' is not a valid JSONPath: Path ended with open indexer.")]
    [InlineData("respones: { fields: { id: $.id } }",
        "8:5: operations.customer.create.respones: unknown field 'respones'; did you mean 'response'?")]
    public void A_bad_rest_operation_is_reported_where_it_is_written(string line, string expected)
    {
        _config.Write("systems/crm.yaml", RestOperation(line));

        _config.SingleError().ToString().ShouldBe("systems/crm.yaml:" + expected);
    }

    [Theory]
    [InlineData("name: erp\nprotocol: soap\naddress: https://erp.example.com/soap\noperations:\n  customer.get:\n    path: /soap\n    body: <Get/>",
        "systems/x.yaml:6:5: operations.customer.get.soap: is required for protocol soap: the SOAPAction, as soap: { action: urn:GetCustomer }")]
    [InlineData("name: erp\nprotocol: soap\naddress: https://erp.example.com/soap\noperations:\n  customer.get:\n    path: /soap\n    soap: { }",
        "systems/x.yaml:7:11: operations.customer.get.soap.action: is required")]
    [InlineData("name: erp\nprotocol: soap\naddress: https://erp.example.com/soap\noperations:\n  customer.get:\n    soap: { action: urn:Get }\n    paging: { type: page }",
        "systems/x.yaml:7:13: operations.customer.get.paging.parameter: is required for paging type page")]
    [InlineData("name: db\nprotocol: sql\naddress: ${env:DB}\noperations:\n  customer.get:\n    sql:\n      query: SELECT 1\n      statement: DELETE FROM x",
        "systems/x.yaml:8:7: operations.customer.get.sql.statement: cannot be combined with query: an operation runs either a query or a statement")]
    [InlineData("name: db\nprotocol: sql\naddress: ${env:DB}\noperations:\n  customer.findByPhone:\n    sql:\n      query: SELECT id FROM customers WHERE phone = @phone\n      parameters: { phon: \"{{ phone }}\" }",
        "systems/x.yaml:8:21: operations.customer.findByPhone.sql.parameters.phon: is not used in the query (it has no @phon); did you mean 'phone'?")]
    [InlineData("name: db\nprotocol: sql\naddress: ${env:DB}\noperations:\n  customer.get:\n    method: GET",
        "systems/x.yaml:6:5: operations.customer.get.sql: is required for protocol sql: a query (SELECT) or a statement (INSERT, UPDATE, DELETE) with @parameters")]
    [InlineData("name: db\nprotocol: sql\naddress: ${env:DB}\noperations:\n  customer.get:\n    path: /x\n    sql: { query: SELECT 1 }",
        "systems/x.yaml:6:5: operations.customer.get.path: is only used by protocols rest and soap (this system's protocol is sql)")]
    [InlineData("name: mq\nprotocol: amqp\naddress: amqp://broker:5672/\noperations:\n  interaction.log:\n    amqp: { routingKey: calls, queue: calls }",
        "systems/x.yaml:6:32: operations.interaction.log.amqp.queue: cannot be combined with routingKey or exchange: an operation either publishes (routingKey) or consumes (queue)")]
    [InlineData("name: mq\nprotocol: amqp\naddress: amqp://broker:5672/\noperations:\n  interaction.log:\n    amqp: { exchange: calls }",
        "systems/x.yaml:6:11: operations.interaction.log.amqp.routingKey: is required to publish (with an optional exchange); write queue instead to consume")]
    [InlineData("name: drop\nprotocol: file\naddress: drop\noperations:\n  order.create:\n    file: { write: \"o-{{ id }}.json\", read: \"*.json\" }",
        "systems/x.yaml:6:39: operations.order.create.file.read: cannot be combined with write: an operation either writes or reads files")]
    [InlineData("name: drop\nprotocol: file\naddress: drop\noperations:\n  order.create:\n    file: { format: csv, write: \"o-{{ id }}.csv\" }",
        "systems/x.yaml:6:11: operations.order.create.file.columns: is required for a csv write: column name to a template for its value, in order")]
    [InlineData("name: drop\nprotocol: file\naddress: drop\noperations:\n  order.create:\n    file: { write: \"../o-{{ id }}.json\" }",
        "systems/x.yaml:6:20: operations.order.create.file.write: '../o-{{ id }}.json' must name a file inside the system's folder (no '..' and no leading '/')")]
    [InlineData("name: drop\nprotocol: file\naddress: drop\noperations:\n  order.listChanged:\n    file: { read: \"in/*.csv\" }",
        "systems/x.yaml:6:19: operations.order.listChanged.file.read: 'in/*.csv' is a file name pattern inside the system's folder (like *.csv), not a path")]
    [InlineData("name: drop\nprotocol: file\naddress: drop\noperations:\n  order.listChanged:\n    file: { format: tsv, read: \"*.tsv\" }",
        "systems/x.yaml:6:21: operations.order.listChanged.file.format: 'tsv' is not one of csv, jsonLines")]
    public void A_bad_protocol_section_is_reported_where_it_is_written(string yaml, string expected)
    {
        _config.Write("systems/x.yaml", yaml);

        _config.SingleError().ToString().ShouldBe(expected);
    }

    [Fact]
    public void Every_bad_field_of_an_operation_is_reported_at_once()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            protocol: rest
            address: https://crm.example.com/
            operations:
              customer.create:
                method: POST
                path: /customers/{{ id | nope }}
                statuses: { 404: maybe }
                readBack: customer.gett
                paging: { type: cursor }
            """);

        var errors = _config.Load().Errors.Select(e => e.ToString());

        errors.ShouldBe([
            "systems/crm.yaml:7:11: operations.customer.create.path: '/customers/{{ id | nope }}' uses the unknown filter 'nope'",
            "systems/crm.yaml:8:22: operations.customer.create.statuses.404: 'maybe' is not one of success, noMatch, conflict, retry, fail",
            "systems/crm.yaml:9:15: operations.customer.create.readBack: 'customer.gett' is not an operation of this system (it defines no other operation)",
            "systems/crm.yaml:10:13: operations.customer.create.paging.parameter: is required for paging type cursor",
            "systems/crm.yaml:10:13: operations.customer.create.paging.cursorPath: is required for paging type cursor",
        ]);
    }
}
