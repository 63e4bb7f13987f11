using CsvHelper;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Files;

/// <summary>
/// Splits a file's text into records: CSV rows (RFC 4180, the first row is the header) as objects
/// of header to text, or JSON Lines (blank lines skipped; texts that look like dates stay texts).
/// A line that cannot be read throws <see cref="FileLineException"/> with its line number.
/// </summary>
internal static class FileRowReader
{
    public static IReadOnlyList<FileRow> Read(string text, FileFormat format) =>
        format == FileFormat.Csv ? ReadCsv(text) : ReadJsonLines(text);

    private static List<FileRow> ReadJsonLines(string text)
    {
        var rows = new List<FileRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                // Newtonsoft forgives trailing commas, comments and single quotes; a JSON Lines file must be strict JSON.
                using (JsonDocument.Parse(line))
                {
                }

                using var reader = new JsonTextReader(new StringReader(line))
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Decimal,
                };
                var token = JToken.ReadFrom(reader);
                if (reader.Read())
                {
                    throw new FileLineException(i + 1, "holds more than one JSON value");
                }

                rows.Add(new FileRow(i + 1, token));
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new FileLineException(i + 1, $"is not JSON: {ex.Message}");
            }
            catch (JsonReaderException ex)
            {
                throw new FileLineException(i + 1, $"is not JSON: {ex.Message}");
            }
        }

        return rows;
    }

    private static List<FileRow> ReadCsv(string text)
    {
        var rows = new List<FileRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            // Bad quoting and ragged rows are errors, not something to guess around.
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.FromText(text, options);
        try
        {
            var header = reader.Headers;
            if (header.Count == 0)
            {
                return rows;
            }

            if (header.Any(string.IsNullOrWhiteSpace) || header.Distinct(StringComparer.Ordinal).Count() != header.Count)
            {
                throw new FileLineException(1, "is not a header row: every column needs a distinct, non-empty name");
            }

            while (reader.Read())
            {
                var row = new JObject();
                for (var i = 0; i < header.Count; i++)
                {
                    row[header[i]] = reader.GetString(i);
                }

                rows.Add(new FileRow((int)reader.LineNumber, row));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new FileLineException((int)Math.Max(1, ex.LineNumber), $"is not valid CSV: {ex.Message}");
        }

        return rows;
    }
}
