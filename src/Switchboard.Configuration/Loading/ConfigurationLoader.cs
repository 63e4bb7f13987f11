using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>
/// Loads a configuration directory: <c>switchboard.yaml</c>, <c>systems/*.yaml</c>, <c>flows/*.yaml</c> and <c>webhooks/*.yaml</c>
/// (<c>.yml</c> is accepted too). Every file is checked and every error of every file is returned at once.
/// Secret references are checked for syntax only; their values are not read.
/// </summary>
public static class ConfigurationLoader
{
    public const string HubFileName = "switchboard.yaml";
    public const string SystemsFolder = "systems";
    public const string FlowsFolder = "flows";
    public const string WebhooksFolder = "webhooks";

    public static ConfigurationLoadResult Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var errors = new List<ConfigurationError>();
        if (!System.IO.Directory.Exists(directory))
        {
            errors.Add(new ConfigurationError(string.Empty, 0, 0, string.Empty, directory, "is not a configuration directory that exists"));
            return new ConfigurationLoadResult(null, errors);
        }

        var root = Path.GetFullPath(directory);
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        var hubName = new[] { HubFileName, "switchboard.yml" }.FirstOrDefault(name => File.Exists(Path.Combine(root, name)));
        var hubFile = hubName is null ? null : ReadFile(root, hubName, errors, fingerprint);
        if (hubName is null)
        {
            errors.Add(new ConfigurationError(HubFileName, 0, 0, string.Empty, null,
                "is missing; the configuration directory needs one (an empty file takes every default)"));
        }

        var systems = new List<BoundSystem>();
        foreach (var (file, node) in ReadFolder(root, SystemsFolder, errors, fingerprint))
        {
            if (SystemFileBinder.Bind(file, node) is { } system)
            {
                systems.Add(system);
            }
        }

        var flows = new List<BoundFlow>();
        foreach (var (file, node) in ReadFolder(root, FlowsFolder, errors, fingerprint))
        {
            if (FlowFileBinder.Bind(file, node) is { } flow)
            {
                flows.Add(flow);
            }
        }

        var webhooks = new List<BoundWebhook>();
        foreach (var (file, node) in ReadFolder(root, WebhooksFolder, errors, fingerprint))
        {
            if (WebhookFileBinder.Bind(file, node) is { } webhook)
            {
                webhooks.Add(webhook);
            }
        }

        CheckUnique(systems.Select(s => (s.Definition.Name, s.Definition.File, s.NameNode)), "system", errors);
        CheckUnique(webhooks.Select(w => (w.Definition.Name, w.Definition.File, w.NameNode)), "webhook", errors);
        CheckUnique(flows.Select(f => (f.Definition.Name, f.Definition.File, f.NameNode)), "flow", errors);
        CheckFlowSystems(flows, systems, errors);

        HubConfiguration? configuration = null;
        if (hubFile is { } hub)
        {
            configuration = HubFileBinder.Bind(hub.File, hub.Node, Convert.ToHexStringLower(fingerprint.GetHashAndReset())) with
            {
                Systems = systems.Select(s => s.Definition).ToList().AsReadOnly(),
                Flows = flows.Select(f => f.Definition).ToList().AsReadOnly(),
                Webhooks = webhooks.Select(w => w.Definition).ToList().AsReadOnly(),
            };
        }

        if (errors.Count > 0)
        {
            var ordered = errors
                .OrderBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Line)
                .ThenBy(e => e.Column)
                .ToList();
            return new ConfigurationLoadResult(null, ordered.AsReadOnly());
        }

        return new ConfigurationLoadResult(configuration, []);
    }

    private static IEnumerable<(FileContext File, YamlMappingNode Node)> ReadFolder(
        string root, string folder, List<ConfigurationError> errors, IncrementalHash fingerprint)
    {
        var path = Path.Combine(root, folder);
        if (!System.IO.Directory.Exists(path))
        {
            return [];
        }

        List<string> files;
        try
        {
            files = System.IO.Directory.EnumerateFiles(path)
                .Where(IsYaml)
                .Select(file => $"{folder}/{Path.GetFileName(file)}")
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigurationError($"{folder}/", 0, 0, string.Empty, null, $"cannot be listed: {ex.Message}"));
            return [];
        }

        var read = new List<(FileContext, YamlMappingNode)>();
        foreach (var relative in files)
        {
            if (ReadFile(root, relative, errors, fingerprint) is { } file)
            {
                read.Add(file);
            }
        }

        return read;
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static (FileContext File, YamlMappingNode Node)? ReadFile(
        string root, string relative, List<ConfigurationError> errors, IncrementalHash fingerprint)
    {
        var full = Path.Combine(root, relative);
        var context = new FileContext(relative, root, errors);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file may have gone between listing and reading (an editor saving); a reload follows.
            context.Report(0, 0, string.Empty, null, $"cannot be read: {ex.Message}");
            return null;
        }

        fingerprint.AppendData(Encoding.UTF8.GetBytes($"{relative}\0{text}\0"));
        return YamlDocumentReader.Parse(context, text) is { } node ? (context, node) : null;
    }

    private static void CheckUnique(IEnumerable<(string Name, string File, YamlNode Node)> items, string kind, List<ConfigurationError> errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file, node) in items)
        {
            if (seen.TryGetValue(name, out var first))
            {
                errors.Add(new ConfigurationError(file, (int)node.Start.Line, (int)node.Start.Column, "name", name,
                    $"is already the name of the {kind} in {first}; {kind} names must be unique"));
                continue;
            }

            seen[name] = file;
        }
    }

    private static void CheckFlowSystems(List<BoundFlow> flows, List<BoundSystem> systems, List<ConfigurationError> errors)
    {
        var names = systems.Select(s => s.Definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            foreach (var (node, field, name) in flow.SystemNodes.Where(entry => !names.Contains(entry.Name)))
            {
                var known = names.Count == 0 ? "none are defined under systems/" : $"defined: {string.Join(", ", names.Order(StringComparer.Ordinal))}";
                errors.Add(new ConfigurationError(flow.Definition.File, (int)node.Start.Line, (int)node.Start.Column, field, name,
                    $"is not a system{NameSuggestion.Hint(name, names)} ({known})"));
            }
        }
    }
}
