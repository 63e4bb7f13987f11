using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds the optional <c>desktop</c> section of switchboard.yaml: the wrap-up dispositions.</summary>
internal static class DesktopSettingsBinder
{
    public static readonly string[] Keys = ["dispositions"];
    private static readonly string[] DispositionKeys = ["code", "en", "zh"];

    public static DesktopSettings Bind(MappingReader? map)
    {
        var node = map?.Value("dispositions");
        if (map is null || node is null)
        {
            return new DesktopSettings();
        }

        if (node is not YamlSequenceNode sequence)
        {
            map.File.Report(node, map.FieldPath("dispositions"), null, "should be a list of { code, en, zh } entries");
            return new DesktopSettings();
        }

        if (sequence.Children.Count == 0)
        {
            map.File.Report(node, map.FieldPath("dispositions"), null, "is empty; list at least one disposition or leave the field out for the default list");
            return new DesktopSettings();
        }

        var options = new List<DispositionOption>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{map.FieldPath("dispositions")}[{i}]");
            if (sequence.Children[i] is not YamlMappingNode entry)
            {
                map.ReportNotMapping(sequence.Children[i], path);
                continue;
            }

            var item = new MappingReader(map.File, entry, path, DispositionKeys);
            var code = item.String("code", required: true)?.Trim();
            var en = Label(item, "en");
            var zh = Label(item, "zh");
            if (code is null)
            {
                continue;
            }

            if (code.Length is 0 or > DesktopSettings.MaxCodeLength || code.Any(char.IsWhiteSpace))
            {
                item.File.Report(item.Value("code"), item.FieldPath("code"), code,
                    string.Create(CultureInfo.InvariantCulture, $"must be 1 to {DesktopSettings.MaxCodeLength} characters without spaces"));
                continue;
            }

            if (!seen.Add(code))
            {
                item.File.Report(item.Value("code"), item.FieldPath("code"), code, "is listed twice; each disposition code must be unique");
                continue;
            }

            if (en is not null && zh is not null)
            {
                options.Add(new DispositionOption(code, en, zh));
            }
        }

        return new DesktopSettings { Dispositions = options };
    }

    private static string? Label(MappingReader item, string key)
    {
        var text = item.String(key, required: true);
        if (text is not null && text.Trim().Length == 0)
        {
            item.File.Report(item.Value(key), item.FieldPath(key), text, "is blank; give the label the agent sees");
            return null;
        }

        return text?.Trim();
    }
}
