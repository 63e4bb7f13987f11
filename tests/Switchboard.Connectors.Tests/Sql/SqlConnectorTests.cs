using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Switchboard.Configuration;
using Switchboard.Connectors.Sql;
using Switchboard.Core.Phones;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Sql;

/// <summary>The SQL connector against the real PostgreSQL that ./test.sh starts (a fresh database per test).</summary>
public sealed class SqlConnectorTests : IAsyncLifetime
{
    private static readonly PhoneNormalizer Phones = new("DE");

    // Compared as written, without the default escaping of '+' and '"'.
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _variable = $"SB_TEST_SQL_{Guid.NewGuid():N}";
    private TestPostgres? _database;

    private TestPostgres Database => _database ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateAsync();
        Environment.SetEnvironmentVariable(_variable, _database.ConnectionString);
        await ExecuteAsync("""
            CREATE TABLE customers (
                id bigserial PRIMARY KEY,
                name text NOT NULL,
                phone text,
                balance numeric(12, 2),
                vip boolean NOT NULL DEFAULT false,
                updated_at timestamptz NOT NULL)
            """);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Query_rows_are_mapped_through_the_response_mapping()
    {
        await ExecuteAsync("""
            INSERT INTO customers (name, phone, balance, vip, updated_at) VALUES
              ('Ada Lovelace', '030 1234567', 12.50, true, '2024-05-01T10:00:00Z'),
              ('Alan Turing', '+44 20 7946 0000', 0, false, '2024-05-02T11:30:00.25Z'),
              ('Grace Hopper', null, null, false, '2024-05-03T09:00:00Z')
            """);
        var mapping = new ResponseMapping
        {
            Fields = new Dictionary<string, FieldMapping>
            {
                ["id"] = new() { Path = "$.id", Type = ValueKind.String, Required = true },
                ["name"] = FieldMapping.ForPath("$.name"),
                ["phone"] = new() { Path = "$.phone", Type = ValueKind.Phone },
                ["balance"] = new() { Path = "$.balance", Type = ValueKind.Decimal },
                ["vip"] = new() { Path = "$.vip", Type = ValueKind.Boolean },
                ["changedAt"] = new() { Path = "$.updated_at", Type = ValueKind.DateTime },
            },
        };
        await using var connector = Connector();
        var trace = new OperationTrace();

        var result = await connector.InvokeAsync(
            Query("SELECT id, name, phone, balance, vip, updated_at FROM customers WHERE name LIKE @prefix || '%' ORDER BY id", mapping),
            OperationArguments.From(("prefix", "A")), trace, CancellationToken.None);

        result.Outcome.ShouldBe(OperationOutcome.Success);
        result.Records.Count.ShouldBe(2);
        result.Records[0].ToJsonString(Plain).ShouldBe(
            """{"id":"1","name":"Ada Lovelace","phone":"+49301234567","balance":12.50,"vip":true,"changedAt":"2024-05-01T10:00:00Z"}""");
        result.Records[1]["changedAt"]!.GetValue<string>().ShouldBe("2024-05-02T11:30:00.25Z");
        var exchange = trace.Exchanges.ShouldHaveSingleItem();
        exchange.Request.ShouldBe("QUERY");
        exchange.RequestBody!.ShouldStartWith("SELECT id, name");
        exchange.RequestHeaders.ShouldBe([KeyValuePair.Create("@prefix", "'A'")]);
        exchange.ResponseBody!.ShouldContain("\"name\":\"Ada Lovelace\"");
        exchange.ResponseBody!.ShouldEndWith("(2 rows)");
    }

    [Fact]
    public async Task A_statement_returns_the_rows_of_its_returning_clause()
    {
        await using var connector = Connector();
        var insert = Statement("""
            INSERT INTO customers (name, balance, vip, updated_at) VALUES (@name, @balance, @vip, @at::timestamptz)
            RETURNING id, name, balance, vip, updated_at
            """);

        var result = await connector.InvokeAsync(insert,
            OperationArguments.From(("name", "Ada"), ("balance", 12.5m), ("vip", true), ("at", "2024-05-01T10:00:00.123456Z")),
            trace: null, CancellationToken.None);

        result.Outcome.ShouldBe(OperationOutcome.Success);
        // Without a response mapping the record is the row itself.
        result.Records.ShouldHaveSingleItem().ToJsonString(Plain).ShouldBe(
            """{"id":1,"name":"Ada","balance":12.50,"vip":true,"updated_at":"2024-05-01T10:00:00.123456Z"}""");

        var update = Statement("UPDATE customers SET vip = false WHERE id = @id");
        (await connector.InvokeAsync(update, OperationArguments.From(("id", 1L)), null, CancellationToken.None)).Outcome.ShouldBe(OperationOutcome.Success);
        (await connector.InvokeAsync(update, OperationArguments.From(("id", 99L)), null, CancellationToken.None)).Outcome.ShouldBe(OperationOutcome.NoMatch);
    }

    [Fact]
    public async Task A_value_with_quotes_is_bound_as_text_and_cannot_inject_sql()
    {
        const string hostile = "x'; drop table customers; --";
        await using var connector = Connector();
        var insert = Statement("INSERT INTO customers (name, phone, updated_at) VALUES (@name, '@not_a_parameter', now()) RETURNING name, phone");

        var result = await connector.InvokeAsync(insert, OperationArguments.From(("name", hostile)), null, CancellationToken.None);

        result.Records.ShouldHaveSingleItem()["name"]!.GetValue<string>().ShouldBe(hostile);
        result.Records[0]["phone"]!.GetValue<string>().ShouldBe("@not_a_parameter");
        (await ScalarAsync("SELECT count(*) FROM customers WHERE name = 'x''; drop table customers; --'")).ShouldBe(1L);
    }

    [Fact]
    public async Task Arguments_are_bound_with_their_json_types_and_templates_render_to_text()
    {
        await using var connector = Connector();
        var operation = Query(
            "SELECT pg_typeof(@whole)::text AS whole, pg_typeof(@fraction)::text AS fraction, pg_typeof(@flag)::text AS flag, " +
            "pg_typeof(@text)::text AS text, @nothing::int IS NULL AS nothing, @greeting AS greeting",
            parameters: new Dictionary<string, string> { ["greeting"] = "Hello {{ text | upcase }}" });

        var result = await connector.InvokeAsync(operation,
            OperationArguments.From(("whole", 42), ("fraction", 1.25m), ("flag", false), ("text", "ada"), ("nothing", null)),
            null, CancellationToken.None);

        result.Records.ShouldHaveSingleItem().ToJsonString(Plain).ShouldBe(
            """{"whole":"bigint","fraction":"numeric","flag":"boolean","text":"text","nothing":true,"greeting":"Hello ADA"}""");
    }

    [Fact]
    public async Task Polling_with_the_high_water_mark_returns_only_newer_rows()
    {
        await ExecuteAsync("""
            INSERT INTO customers (name, updated_at) VALUES
              ('first', '2024-05-01T10:00:00.000001Z'),
              ('second', '2024-05-01T10:00:00.000002Z')
            """);
        await using var connector = Connector();
        var listChanged = Query(
            "SELECT id, name, updated_at FROM customers WHERE updated_at > coalesce(@since::timestamptz, '-infinity') ORDER BY updated_at",
            highWaterMark: "updated_at");

        // The first poll has no high-water mark yet: @since binds NULL.
        var first = await connector.InvokeAsync(listChanged, OperationArguments.Empty, null, CancellationToken.None);
        first.Records.Select(r => r["name"]!.GetValue<string>()).ShouldBe(["first", "second"]);
        first.HighWaterMark.ShouldBe("2024-05-01T10:00:00.000002Z");

        await ExecuteAsync("INSERT INTO customers (name, updated_at) VALUES ('third', '2024-05-01T10:00:00.000003Z')");
        var second = await connector.InvokeAsync(listChanged, OperationArguments.From(("since", first.HighWaterMark)), null, CancellationToken.None);
        second.Records.Select(r => r["name"]!.GetValue<string>()).ShouldBe(["third"]);
        second.HighWaterMark.ShouldBe("2024-05-01T10:00:00.000003Z");

        var third = await connector.InvokeAsync(listChanged, OperationArguments.From(("since", second.HighWaterMark)), null, CancellationToken.None);
        third.Outcome.ShouldBe(OperationOutcome.NoMatch);
        third.HighWaterMark.ShouldBeNull();
    }

    [Fact]
    public async Task A_sql_error_gives_the_postgres_message_and_sqlstate_but_not_the_connection_string()
    {
        await using var connector = Connector();
        var trace = new OperationTrace();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Query("SELECT id FROM no_such_table WHERE id = @id"), OperationArguments.From(("id", 1)), trace, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Status);
        error.Message.ShouldBe("ledger customer.listChanged: PostgreSQL error 42P01: relation \"no_such_table\" does not exist (at character 16)");
        error.Message.ShouldNotContain(Database.Database);
        trace.Exchanges.ShouldHaveSingleItem().Error.ShouldBe(error.Reason);
    }

    [Fact]
    public async Task A_parameter_without_an_argument_is_a_configuration_error_naming_it()
    {
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Query("SELECT @phone AS phone"), OperationArguments.From(("name", "Ada")), null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        error.Message.ShouldBe(
            "ledger customer.listChanged: the SQL uses @phone, but there is no argument 'phone' and no sql.parameters.phone template (arguments given: name)");
    }

    [Fact]
    public async Task A_high_water_mark_column_the_query_does_not_return_is_a_configuration_error()
    {
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Query("SELECT id, name FROM customers", highWaterMark: "changed"), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        error.Reason.ShouldBe("the highWaterMark column 'changed' is not among the columns the query returns (id, name)");
    }

    [Fact]
    public async Task A_row_that_does_not_fit_the_mapping_names_field_value_and_row()
    {
        await ExecuteAsync("INSERT INTO customers (name, phone, updated_at) VALUES ('Ada', '030 1234567', now()), ('Bob', 'not a phone', now())");
        var mapping = new ResponseMapping { Fields = new Dictionary<string, FieldMapping> { ["phone"] = new() { Path = "$.phone", Type = ValueKind.Phone } } };
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Query("SELECT phone FROM customers ORDER BY id", mapping), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Mapping);
        error.Field.ShouldBe("phone");
        error.Value.ShouldBe("not a phone");
        error.Reason.ShouldEndWith("(row 2)");
    }

    [Fact]
    public async Task A_query_slower_than_the_request_timeout_is_cancelled_as_a_timeout()
    {
        await using var connector = Connector(requestSeconds: 0.5);

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Query("SELECT pg_sleep(10)"), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Timeout);
        error.Reason.ShouldBe("no answer within the request timeout");
    }

    private SqlConnector Connector(double requestSeconds = 10) => new(
        new SystemDefinition
        {
            Timeouts = new TimeoutSettings { RequestSeconds = requestSeconds },
            Name = "ledger",
            File = "systems/ledger.yaml",
            Protocol = SystemProtocol.Sql,
            Address = $"${{env:{_variable}}}",
            ConnectionString = SecretReference.Parse($"${{env:{_variable}}}"),
            Concurrency = 2,
        },
        new TemplateEngine(Phones, TimeProvider.System),
        new ResponseMapper(Phones),
        TimeProvider.System,
        NullLoggerFactory.Instance);

    private static OperationDefinition Query(string sql, ResponseMapping? response = null, string? highWaterMark = null,
        Dictionary<string, string>? parameters = null) => new()
    {
        Name = OperationNames.CustomerListChanged,
        Sql = new SqlOperationSettings { Query = sql, HighWaterMark = highWaterMark, Parameters = parameters ?? [] },
        Response = response,
    };

    private static OperationDefinition Statement(string sql) => new()
    {
        Name = OperationNames.CustomerUpsert,
        Method = OperationMethod.Post,
        Sql = new SqlOperationSettings { Statement = sql },
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
