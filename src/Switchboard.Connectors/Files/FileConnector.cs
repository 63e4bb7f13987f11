using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Switchboard.Configuration;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Files;

/// <summary>
/// Calls the operations of a file drop: a folder shared with the other system.
/// <para>
/// A write (<c>file.write</c>) renders one record into a new file: for JSON Lines the operation's
/// body (which must render one JSON object), or the arguments as an object when there is no body;
/// for CSV a header row of <c>file.columns</c> names and one row of their rendered values. The file is
/// written under a temporary name (<c>.tmp-…</c>, which readers skip) and renamed into place, so a
/// reader never sees half a file; an existing file is never overwritten.
/// </para>
/// <para>
/// A read (<c>file.read</c>, a name pattern) maps every row or line of the matching files, in name
/// order, and moves the files to <c>file.processedFolder</c> once all of them have been read and
/// mapped. A line that cannot be read or mapped fails the call naming file and line, and leaves
/// every file where it was. Reads of one connector run one at a time.
/// </para>
/// </summary>
public sealed class FileConnector : IProtocolConnector
{
    private const int PreviewLines = 5;

    // Files are read by other programs, not embedded in HTML: keep quotes and non-ASCII text as they are.
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TemplateEngine _templates;
    private readonly ResponseMapper _mapper;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reading = new(1, 1);

    public FileConnector(SystemDefinition system, TemplateEngine templates, ResponseMapper mapper, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(loggers);
        System = system;
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<FileConnector>();
    }

    public SystemDefinition System { get; }

    public async Task<OperationResult> InvokeAsync(OperationDefinition operation, OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = operation.File
            ?? throw Fail(operation, ConnectorFailureKind.Configuration, "has no file section; declare file.write or file.read");
        var folder = System.Folder
            ?? throw Fail(operation, ConnectorFailureKind.Configuration, "the system has no folder");
        if (!Directory.Exists(folder))
        {
            throw Fail(operation, ConnectorFailureKind.Transport, $"the folder {folder} does not exist");
        }

        if (settings.Write is { } write)
        {
            return await WriteAsync(operation, settings, folder, write, arguments, trace, cancellationToken);
        }

        if (settings.Read is { } pattern)
        {
            await _reading.WaitAsync(cancellationToken);
            try
            {
                return await ReadAsync(operation, settings, folder, pattern, trace, cancellationToken);
            }
            finally
            {
                _reading.Release();
            }
        }

        throw Fail(operation, ConnectorFailureKind.Configuration, "declares neither file.write nor file.read");
    }

    public ValueTask DisposeAsync()
    {
        _reading.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<OperationResult> WriteAsync(OperationDefinition operation, FileOperationSettings settings, string folder, string nameTemplate,
        OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken)
    {
        var name = Render(operation, "file.write", nameTemplate, arguments).Trim();
        if (FileNames.Refusal(name) is { } refusal)
        {
            throw Fail(operation, ConnectorFailureKind.Safety, $"the file name '{name}' rendered from file.write {refusal}");
        }

        var content = settings.Format == FileFormat.Csv ? RenderCsv(operation, settings, arguments) : RenderJsonLine(operation, arguments);
        var target = Path.Combine(folder, name);
        var started = _time.GetTimestamp();
        if (File.Exists(target))
        {
            throw Exists(operation, name);
        }

        var temporary = Path.Combine(folder, $"{FileNames.TemporaryPrefix}{Guid.NewGuid():N}");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), cancellationToken);
                // On disk before the rename makes it visible: a crash leaves a whole file or none.
                stream.Flush(flushToDisk: true);
            }

            // Without overwrite, .NET links the new name and fails if it exists: two writers cannot both win.
            File.Move(temporary, target, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw File.Exists(target)
                ? Exists(operation, name, ex)
                : Fail(operation, ConnectorFailureKind.Transport, $"writing {name} in {folder} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temporary);
            throw;
        }

        var elapsed = _time.GetElapsedTime(started);
        trace?.Add(new OperationExchange { Request = $"WRITE {name}", RequestBody = OperationTrace.Shorten(content), Elapsed = elapsed });
        _logger.Wrote(System.Name, operation.Name, name, content.Length);
        return new OperationResult { Outcome = OperationOutcome.Success };
    }

    private string RenderJsonLine(OperationDefinition operation, OperationArguments arguments)
    {
        if (operation.Body is null)
        {
            var record = new JsonObject();
            foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                record[name] = value?.DeepClone();
            }

            return record.ToJsonString(LineOptions) + "\n";
        }

        var body = Render(operation, "body", operation.Body, arguments);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, $"the body must render one JSON object, but it is not JSON: {ex.Message}", ex);
        }

        // Re-serialized, so a template written over several lines still makes one line.
        return parsed is JsonObject line
            ? line.ToJsonString(LineOptions) + "\n"
            : throw Fail(operation, ConnectorFailureKind.Configuration, "the body must render one JSON object, but it rendered " + (parsed?.GetValueKind().ToString() ?? "null"));
    }

    private string RenderCsv(OperationDefinition operation, FileOperationSettings settings, OperationArguments arguments)
    {
        if (settings.Columns.Count == 0)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, "a csv write needs file.columns (column name to template)");
        }

        var values = settings.Columns.Select(c => Render(operation, $"file.columns.{c.Key}", c.Value, arguments)).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // RFC 4180: CRLF line ends; fields with a comma, quote or line break are quoted, quotes doubled.
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (var (name, _) in settings.Columns)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var value in values)
            {
                csv.WriteField(value);
            }

            csv.EndRecord();
        }

        return text.ToString();
    }

    private async Task<OperationResult> ReadAsync(OperationDefinition operation, FileOperationSettings settings, string folder, string pattern,
        OperationTrace? trace, CancellationToken cancellationToken)
    {
        if (FileNames.Refusal(pattern) is { } refusal)
        {
            throw Fail(operation, ConnectorFailureKind.Safety, $"the file.read pattern '{pattern}' {refusal}");
        }

        if (FileNames.SubFolderRefusal(settings.ProcessedFolder) is { } folderRefusal)
        {
            throw Fail(operation, ConnectorFailureKind.Safety, $"file.processedFolder '{settings.ProcessedFolder}' {folderRefusal}");
        }

        var files = Directory.GetFiles(folder, pattern, SearchOption.TopDirectoryOnly)
            .Where(f => !Path.GetFileName(f).StartsWith(FileNames.TemporaryPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var records = new List<JsonObject>();
        foreach (var file in files)
        {
            var started = _time.GetTimestamp();
            var name = Path.GetFileName(file);
            var text = await ReadTextAsync(operation, file, name, cancellationToken);
            IReadOnlyList<FileRow> rows;
            try
            {
                rows = FileRowReader.Read(text, settings.Format);
            }
            catch (FileLineException ex)
            {
                trace?.Add(new OperationExchange { Request = $"READ {name}", Error = $"{name}:{ex.Line}: {ex.Message}", Elapsed = _time.GetElapsedTime(started) });
                throw Fail(operation, ConnectorFailureKind.Response, $"{name}:{ex.Line}: {ex.Message}; the file was left in place", ex);
            }

            foreach (var row in rows)
            {
                records.AddRange(Map(operation, name, row));
            }

            trace?.Add(new OperationExchange { Request = $"READ {name}", ResponseBody = Preview(text, rows.Count), Elapsed = _time.GetElapsedTime(started) });
        }

        MoveToProcessed(operation, folder, settings.ProcessedFolder, files);
        _logger.Read(System.Name, operation.Name, files.Count, records.Count);
        return OperationResult.Success(records);
    }

    private async Task<string> ReadTextAsync(OperationDefinition operation, string file, string name, CancellationToken cancellationToken)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > System.MaxResponseBytes)
            {
                throw Fail(operation, ConnectorFailureKind.Response,
                    string.Create(CultureInfo.InvariantCulture, $"{name} is {length} bytes, more than maxResponseBytes ({System.MaxResponseBytes}); the file was left in place"));
            }

            return await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(operation, ConnectorFailureKind.Transport, $"reading {name} failed: {ex.Message}", ex);
        }
    }

    private IReadOnlyList<JsonObject> Map(OperationDefinition operation, string name, FileRow row)
    {
        if (operation.Response is not { } mapping)
        {
            return row.Value is Newtonsoft.Json.Linq.JObject obj
                ? [JsonNode.Parse(obj.ToString(Formatting.None))!.AsObject()]
                : throw Fail(operation, ConnectorFailureKind.Response, $"{name}:{row.Line}: is not a JSON object, and the operation has no response mapping; the file was left in place");
        }

        try
        {
            return _mapper.Map(mapping, ResponseDocument.FromJson(row.Value));
        }
        catch (MappingException ex)
        {
            throw new ConnectorException(System.Name, operation.Name, ex.Field, ex.Value, $"{ex.Reason} ({name}:{row.Line}; the file was left in place)", ex);
        }
    }

    private void MoveToProcessed(OperationDefinition operation, string folder, string processedFolder, List<string> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        var processed = Path.Combine(folder, processedFolder);
        try
        {
            Directory.CreateDirectory(processed);
            foreach (var file in files)
            {
                var target = Path.Combine(processed, Path.GetFileName(file));
                if (File.Exists(target))
                {
                    // The same name was dropped and read before: keep both.
                    var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
                    target = Path.Combine(processed, $"{Path.GetFileNameWithoutExtension(file)}.{stamp}{Path.GetExtension(file)}");
                }

                File.Move(file, target, overwrite: false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(operation, ConnectorFailureKind.Transport, $"moving the files read to {processed} failed: {ex.Message}", ex);
        }
    }

    private string Render(OperationDefinition operation, string field, string template, OperationArguments arguments)
    {
        try
        {
            return _templates.Compile(template).Render(arguments);
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateRenderException)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, $"the {field} template failed: {ex.Message}", ex);
        }
    }

    private static string Preview(string text, int rows)
    {
        var lines = text.Split('\n').Take(PreviewLines + 1).Select(l => l.TrimEnd('\r'));
        return OperationTrace.Shorten(string.Join('\n', lines) + string.Create(CultureInfo.InvariantCulture, $"\n({rows} records)"))!;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover .tmp- file is skipped by readers; nothing else to do.
        }
    }

    private ConnectorException Exists(OperationDefinition operation, string name, Exception? inner = null) =>
        Fail(operation, ConnectorFailureKind.Status, $"the file {name} already exists; files are never overwritten (make file.write render a unique name)", inner);

    private ConnectorException Fail(OperationDefinition operation, ConnectorFailureKind kind, string reason, Exception? inner = null) =>
        new(System.Name, operation.Name, kind, reason, inner);
}
