using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors.Files;
using Switchboard.Core.Phones;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Files;

/// <summary>The file-drop connector on a real temporary folder.</summary>
public sealed class FileConnectorTests : IDisposable
{
    private static readonly PhoneNormalizer Phones = new("DE");

    // Compared as written, without the default escaping of '+' and '"'.
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempDirectory _folder = new("switchboard-files");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_csv_write_quotes_commas_quotes_and_line_breaks_and_leaves_no_temporary_file()
    {
        var operation = Write("order-{{ id }}.csv", FileFormat.Csv, columns:
        [
            KeyValuePair.Create("id", "{{ id }}"),
            KeyValuePair.Create("customer", "{{ name }}"),
            KeyValuePair.Create("note", "{{ note }}"),
            KeyValuePair.Create("total", "{{ total }}"),
        ]);
        await using var connector = Connector();
        var trace = new OperationTrace();

        var result = await connector.InvokeAsync(operation,
            OperationArguments.From(("id", "A-1"), ("name", "Lovelace, Ada"), ("note", "says \"hi\"\nand bye"), ("total", 12.5m)),
            trace, CancellationToken.None);

        result.Outcome.ShouldBe(OperationOutcome.Success);
        result.Records.ShouldBeEmpty();
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ShouldBe(["order-A-1.csv"]);
        (await File.ReadAllTextAsync(Path.Combine(_folder.Path, "order-A-1.csv")))
            .ShouldBe("id,customer,note,total\r\nA-1,\"Lovelace, Ada\",\"says \"\"hi\"\"\nand bye\",12.5\r\n");
        trace.Exchanges.ShouldHaveSingleItem().Request.ShouldBe("WRITE order-A-1.csv");
    }

    [Fact]
    public async Task A_json_lines_write_puts_the_rendered_object_on_one_line()
    {
        var operation = Write("interaction-{{ id }}.jsonl", FileFormat.JsonLines, body: """
            {
              "id": {{ id | json }},
              "note": {{ note | json }}
            }
            """);
        await using var connector = Connector();

        await connector.InvokeAsync(operation, OperationArguments.From(("id", "i-7"), ("note", "line one\nline \"two\"")), null, CancellationToken.None);

        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ShouldBe(["interaction-i-7.jsonl"]);
        (await File.ReadAllTextAsync(Path.Combine(_folder.Path, "interaction-i-7.jsonl")))
            .ShouldBe("{\"id\":\"i-7\",\"note\":\"line one\\nline \\\"two\\\"\"}\n");
    }

    [Fact]
    public async Task A_json_lines_write_without_a_body_writes_the_arguments()
    {
        await using var connector = Connector();

        await connector.InvokeAsync(Write("{{ id }}.jsonl", FileFormat.JsonLines), OperationArguments.From(("id", "x1"), ("count", 3), ("ok", true)),
            null, CancellationToken.None);

        (await File.ReadAllTextAsync(Path.Combine(_folder.Path, "x1.jsonl"))).ShouldBe("{\"count\":3,\"id\":\"x1\",\"ok\":true}\n");
    }

    [Fact]
    public async Task A_body_that_is_not_one_json_object_is_a_configuration_error_naming_the_operation()
    {
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() => connector.InvokeAsync(
            Write("{{ id }}.jsonl", FileFormat.JsonLines, body: "[{{ id | json }}]"), OperationArguments.From(("id", "x1")), null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Configuration);
        error.Message.ShouldBe("drop interaction.log: the body must render one JSON object, but it rendered Array");
        Directory.GetFiles(_folder.Path).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/x.csv")]
    [InlineData("..")]
    public async Task A_file_name_that_leaves_the_folder_is_refused(string name)
    {
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() => connector.InvokeAsync(
            Write("{{ name }}", FileFormat.JsonLines), OperationArguments.From(("name", name)), null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Safety);
        error.Reason.ShouldStartWith($"the file name '{name}' rendered from file.write ");
        Directory.GetFileSystemEntries(_folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten()
    {
        _folder.Write("a.jsonl", "{\"keep\":true}\n");
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() => connector.InvokeAsync(
            Write("{{ id }}.jsonl", FileFormat.JsonLines), OperationArguments.From(("id", "a")), null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Status);
        error.Reason.ShouldBe("the file a.jsonl already exists; files are never overwritten (make file.write render a unique name)");
        (await File.ReadAllTextAsync(Path.Combine(_folder.Path, "a.jsonl"))).ShouldBe("{\"keep\":true}\n");
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ShouldBe(["a.jsonl"]);
    }

    [Fact]
    public async Task Read_maps_every_row_in_file_order_and_moves_the_files_to_processed()
    {
        _folder.Write("b.csv", "id,name,phone\r\n3,\"Hopper, Grace\",\r\n");
        _folder.Write("a.csv", "id,name,phone\r\n1,Ada,030 1234567\r\n2,\"Alan \"\"T\"\"\nTuring\",+44 20 7946 0000\r\n");
        _folder.Write("notes.txt", "not matched");
        _folder.Write(".tmp-0123", "id,name\r\nhalf");
        var operation = Read("*.csv", FileFormat.Csv, new ResponseMapping
        {
            Fields = new Dictionary<string, FieldMapping>
            {
                ["id"] = new() { Path = "$.id", Type = ValueKind.Integer },
                ["name"] = FieldMapping.ForPath("$.name"),
                ["phone"] = new() { Path = "$.phone", Type = ValueKind.Phone },
            },
        });
        await using var connector = Connector();
        var trace = new OperationTrace();

        var result = await connector.InvokeAsync(operation, OperationArguments.Empty, trace, CancellationToken.None);

        result.Records.Select(r => r.ToJsonString(Plain)).ShouldBe(
        [
            """{"id":1,"name":"Ada","phone":"+49301234567"}""",
            """{"id":2,"name":"Alan \"T\"\nTuring","phone":"+442079460000"}""",
            """{"id":3,"name":"Hopper, Grace"}""",
        ]);
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order().ShouldBe([".tmp-0123", "notes.txt"]);
        Directory.GetFiles(Path.Combine(_folder.Path, "processed")).Select(Path.GetFileName).Order().ShouldBe(["a.csv", "b.csv"]);
        trace.Exchanges.Select(e => e.Request).ShouldBe(["READ a.csv", "READ b.csv"]);
    }

    [Fact]
    public async Task A_json_line_that_is_not_json_names_file_and_line_and_leaves_every_file_in_place()
    {
        _folder.Write("1.jsonl", "{\"id\":1}\n");
        _folder.Write("2.jsonl", "{\"id\":2}\n\n{\"id\":3,}\n");
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Read("*.jsonl", FileFormat.JsonLines), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Response);
        error.Reason.ShouldStartWith("2.jsonl:3: is not JSON: ");
        error.Reason.ShouldEndWith("; the file was left in place");
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order().ShouldBe(["1.jsonl", "2.jsonl"]);
        Directory.Exists(Path.Combine(_folder.Path, "processed")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_csv_row_with_too_many_fields_names_file_and_line()
    {
        _folder.Write("orders.csv", "id,total\r\n1,2.50\r\n2,3,extra\r\n");
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Read("*.csv", FileFormat.Csv), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Response);
        error.Reason.ShouldStartWith("orders.csv:3: is not valid CSV: ");
        File.Exists(Path.Combine(_folder.Path, "orders.csv")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_line_that_does_not_fit_the_mapping_is_a_mapping_error_naming_file_and_line()
    {
        _folder.Write("c.jsonl", "{\"id\":\"1\"}\n{\"id\":\"one\"}\n");
        var operation = Read("*.jsonl", FileFormat.JsonLines, new ResponseMapping
        {
            Fields = new Dictionary<string, FieldMapping> { ["id"] = new() { Path = "$.id", Type = ValueKind.Integer } },
        });
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(operation, OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Mapping);
        error.Field.ShouldBe("id");
        error.Value.ShouldBe("one");
        error.Reason.ShouldEndWith("(c.jsonl:2; the file was left in place)");
        File.Exists(Path.Combine(_folder.Path, "c.jsonl")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_written_file_can_be_read_back_by_a_read_operation()
    {
        await using var connector = Connector();
        await connector.InvokeAsync(Write("{{ id }}.jsonl", FileFormat.JsonLines), OperationArguments.From(("id", "r1"), ("name", "Ada")), null, CancellationToken.None);

        var result = await connector.InvokeAsync(Read("*.jsonl", FileFormat.JsonLines), OperationArguments.Empty, null, CancellationToken.None);

        result.Records.ShouldHaveSingleItem().ToJsonString(Plain).ShouldBe("""{"id":"r1","name":"Ada"}""");
        File.Exists(Path.Combine(_folder.Path, "processed", "r1.jsonl")).ShouldBeTrue();
    }

    private FileConnector Connector() => new(
        new SystemDefinition { Name = "drop", File = "systems/drop.yaml", Protocol = SystemProtocol.File, Address = _folder.Path, Folder = _folder.Path },
        new TemplateEngine(Phones, TimeProvider.System),
        new ResponseMapper(Phones),
        TimeProvider.System,
        NullLoggerFactory.Instance);

    private static OperationDefinition Write(string name, FileFormat format, string? body = null, IReadOnlyList<KeyValuePair<string, string>>? columns = null) => new()
    {
        Name = OperationNames.InteractionLog,
        Method = OperationMethod.Post,
        Body = body,
        File = new FileOperationSettings { Format = format, Write = name, Columns = columns ?? [] },
    };

    private static OperationDefinition Read(string pattern, FileFormat format, ResponseMapping? response = null) => new()
    {
        Name = OperationNames.OrderListChanged,
        File = new FileOperationSettings { Format = format, Read = pattern },
        Response = response,
    };
}
