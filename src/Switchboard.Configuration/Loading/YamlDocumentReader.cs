using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Parses one file into its root mapping, reporting syntax errors with YamlDotNet's position.</summary>
internal static class YamlDocumentReader
{
    /// <summary>The root mapping; an empty mapping for an empty file; null when the file is not usable (reported).</summary>
    public static YamlMappingNode? Parse(FileContext file, string text)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            file.Report((int)ex.Start.Line, (int)ex.Start.Column, string.Empty, null, $"YAML syntax error: {ex.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed flow collections.
            var mark = parser.LastPosition;
            file.Report((int)mark.Line, (int)mark.Column, string.Empty, null,
                "YAML syntax error after this point (an unclosed '[', '{' or quote?)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return new YamlMappingNode();
        }

        if (stream.Documents.Count > 1)
        {
            file.Report(stream.Documents[1].RootNode, string.Empty, null,
                "starts a second YAML document ('---'); a file holds one document");
            return null;
        }

        switch (stream.Documents[0].RootNode)
        {
            case YamlMappingNode root:
                return root;
            case YamlScalarNode scalar when MappingReader.IsNull(scalar):
                return new YamlMappingNode();
            case var other:
                file.Report(other, string.Empty, null, "the file should be a mapping of fields (key: value lines)");
                return null;
        }
    }

    /// <summary>Remembers where the last event ended, for errors the parser raises without a position.</summary>
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        public Mark LastPosition { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                LastPosition = current.End;
            }

            return moved;
        }
    }
}
