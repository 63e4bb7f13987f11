using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>Binds one file under flows/. Whether the systems it names exist is checked by the loader, which sees them all.</summary>
internal static class FlowFileBinder
{
    private static readonly string[] RootKeys = ["name", "capability", "mode", "systems", "pilot", "screenPop", "changes"];
    private static readonly string[] ScreenPopKeys = ["budgetMs", "systemTimeoutMs", "cacheSeconds", "historyCount", "createIn"];
    private static readonly string[] PilotKeys = ["agents", "queues", "percent"];
    private static readonly string[] ChangeKeys = ["pollSeconds"];

    public static BoundFlow? Bind(FileContext file, YamlMappingNode node)
    {
        var root = new MappingReader(file, node, string.Empty, RootKeys);
        var (name, nameNode) = NameRules.Read(root);
        var capability = root.Enum("capability", YamlEnums.Capabilities, required: true);
        var mode = root.Enum("mode", YamlEnums.Modes) ?? RolloutMode.Off;

        var systemNodes = new List<(YamlNode, string, string)>();
        var systems = new List<string>();
        var items = root.List("systems") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var (itemNode, text) = items[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"systems[{i}]");
            if (systems.Contains(text, StringComparer.Ordinal))
            {
                file.Report(itemNode, field, text, "is listed twice");
                continue;
            }

            systems.Add(text);
            systemNodes.Add((itemNode, field, text));
        }

        var pilotMap = root.Map("pilot", PilotKeys);
        PilotSettings? pilot = null;
        var percentInvalid = false;
        if (pilotMap is not null)
        {
            var percent = pilotMap.Int("percent", 0, 100);
            percentInvalid = percent is null && pilotMap.Has("percent");
            pilot = new PilotSettings
            {
                Agents = Texts(pilotMap.List("agents")),
                Queues = Texts(pilotMap.List("queues")),
                Percent = percent ?? 0,
            };
        }

        // An invalid percent is reported already; an empty cohort would silently apply to no call.
        if (mode == RolloutMode.Pilot && (pilot is null || (pilot.IsEmpty && !percentInvalid)))
        {
            file.Report(pilotMap?.Node ?? root.Value("mode"), "pilot", null,
                "pilot mode needs a cohort: list agents or queues, or give a percent above 0");
        }

        var screenPop = BindScreenPop(root, capability, out var createIn);
        var changes = BindChanges(root, capability);
        if (name is null)
        {
            return null;
        }

        // With the capability missing (reported) the flow is still returned, so that its name and
        // systems are checked against the other files too.
        var flow = new FlowDefinition
        {
            Name = name,
            File = file.File,
            Capability = capability ?? Capability.ScreenPop,
            Mode = mode,
            Systems = systems.AsReadOnly(),
            Pilot = mode == RolloutMode.Pilot ? pilot : null,
            ScreenPop = screenPop,
            Changes = changes,
        };
        // screenPop.createIn names a system too: the loader checks it exists like the flow's systems.
        return new BoundFlow(flow, nameNode, createIn is { } created ? [.. systemNodes, created] : systemNodes);
    }

    private static ScreenPopSettings? BindScreenPop(MappingReader root, Capability? capability, out (YamlNode Node, string Field, string Name)? createIn)
    {
        createIn = null;
        if (capability != Capability.ScreenPop)
        {
            if (root.Has("screenPop"))
            {
                root.File.Report(root.KeyOrMapping("screenPop"), "screenPop", null, "is only for flows whose capability is screenPop");
            }

            return null;
        }

        var map = root.Map("screenPop", ScreenPopKeys);
        if (map is null)
        {
            return ScreenPopSettings.Default;
        }

        var defaults = ScreenPopSettings.Default;
        var settings = new ScreenPopSettings
        {
            BudgetMs = map.Int("budgetMs", 100, 30_000) ?? defaults.BudgetMs,
            SystemTimeoutMs = map.Int("systemTimeoutMs", 50, 30_000) ?? defaults.SystemTimeoutMs,
            CacheSeconds = map.Int("cacheSeconds", 0, 86_400) ?? defaults.CacheSeconds,
            HistoryCount = map.Int("historyCount", 0, 50) ?? defaults.HistoryCount,
            CreateIn = map.String("createIn")?.Trim() is { Length: > 0 } system ? system : null,
        };
        if (settings.CreateIn is { } name)
        {
            createIn = (map.Value("createIn")!, map.FieldPath("createIn"), name);
        }

        if (settings.SystemTimeoutMs > settings.BudgetMs && map.Has("systemTimeoutMs"))
        {
            root.File.Report(map.Value("systemTimeoutMs")!, "screenPop.systemTimeoutMs",
                settings.SystemTimeoutMs.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"is longer than the whole pop's budgetMs ({settings.BudgetMs}); a system can never take longer than the pop"));
        }

        return settings;
    }

    private static ChangeSettings? BindChanges(MappingReader root, Capability? capability)
    {
        if (capability is not (Capability.OrderCapture or Capability.Ticketing))
        {
            if (root.Has("changes"))
            {
                root.File.Report(root.KeyOrMapping("changes"), "changes", null, "is only for flows whose capability is orderCapture or ticketing");
            }

            return null;
        }

        var map = root.Map("changes", ChangeKeys);
        return map is null
            ? ChangeSettings.Default
            : new ChangeSettings { PollSeconds = map.Int("pollSeconds", 0, ChangeSettings.MaxPollSeconds) ?? ChangeSettings.Default.PollSeconds };
    }

    private static IReadOnlyList<string> Texts(IReadOnlyList<(YamlNode Node, string Text)>? items) =>
        items is null ? [] : items.Select(item => item.Text).ToList().AsReadOnly();
}
