namespace Switchboard.Configuration;

/// <summary>
/// Says, per capability, whether the configured systems implement the operations it needs. A system in
/// mode off does not count; when the capability's flows name systems, only those count.
/// </summary>
public static class CapabilityCheck
{
    public static IReadOnlyList<CapabilityReport> Run(HubConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return CapabilityRequirements.All.Select(requirement => Check(configuration, requirement)).ToList().AsReadOnly();
    }

    private static CapabilityReport Check(HubConfiguration configuration, CapabilityRequirements.Requirement requirement)
    {
        var name = YamlEnums.Capabilities.NameOf(requirement.Capability);
        var flows = configuration.Flows.Where(flow => flow.Capability == requirement.Capability).ToList();
        var active = flows.Where(flow => flow.Mode != RolloutMode.Off).ToList();
        var deciding = active.Count > 0 ? active : flows;

        // Flows that name no systems use every system; otherwise only the systems they name count.
        var named = deciding.Count > 0 && deciding.All(flow => flow.Systems.Count > 0)
            ? deciding.SelectMany(flow => flow.Systems).ToHashSet(StringComparer.Ordinal)
            : null;
        var counted = configuration.Systems
            .Where(system => system.Mode != RolloutMode.Off && (named is null || named.Contains(system.Name)))
            .ToList();

        var providers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var operations = requirement.Required.SelectMany(group => group).Concat(requirement.Optional.Select(o => o.Operation));
        foreach (var operation in operations)
        {
            providers[operation] = counted.Where(s => s.Implements(operation)).Select(s => s.Name).ToList().AsReadOnly();
        }

        var missing = new List<string>();
        foreach (var group in requirement.Required.Where(group => group.All(operation => providers[operation].Count == 0)))
        {
            var why = Explain(configuration, group, named, deciding);
            missing.Add($"{name}: no system implements {string.Join(" or ", group)}{why}");
        }

        if (requirement.Capability == Capability.ScreenPop)
        {
            missing.AddRange(CreateInProblems(configuration, deciding, name));
        }

        var notes = new List<string>();
        foreach (var (operation, without) in requirement.Optional.Where(o => providers[o.Operation].Count == 0))
        {
            notes.Add($"{name}: no system implements {operation} (optional: {without})");
        }

        if (flows.Count == 0)
        {
            notes.Add($"{name}: no flow uses this capability");
        }
        else if (active.Count == 0)
        {
            notes.Add($"{name}: every flow for it is off ({string.Join(", ", flows.Select(f => f.Name))})");
        }

        foreach (var flow in deciding)
        {
            foreach (var systemName in flow.Systems)
            {
                if (configuration.FindSystem(systemName) is { Mode: RolloutMode.Off })
                {
                    notes.Add($"{name}: flow '{flow.Name}' names system '{systemName}', which is off");
                }
            }
        }

        return new CapabilityReport
        {
            Capability = requirement.Capability,
            Name = name,
            IsReady = missing.Count == 0,
            IsEnabled = active.Count > 0,
            Flows = flows.Select(flow => flow.Name).ToList().AsReadOnly(),
            Systems = counted.Select(system => system.Name).ToList().AsReadOnly(),
            Providers = providers.AsReadOnly(),
            Missing = missing.AsReadOnly(),
            Notes = notes.AsReadOnly(),
        };
    }

    /// <summary>A screenPop flow's <c>createIn</c> system must be able to create customers: the desktop offers it when the pop finds nobody.</summary>
    private static IEnumerable<string> CreateInProblems(HubConfiguration configuration, List<FlowDefinition> flows, string name)
    {
        foreach (var flow in flows)
        {
            // An unknown system is a load error already.
            if (flow.ScreenPop?.CreateIn is not { } systemName || configuration.FindSystem(systemName) is not { } system)
            {
                continue;
            }

            if (!system.Implements(OperationNames.CustomerCreate) && !system.Implements(OperationNames.CustomerUpsert))
            {
                yield return $"{name}: system '{systemName}' (screenPop.createIn of flow '{flow.Name}') implements neither "
                    + $"{OperationNames.CustomerCreate} nor {OperationNames.CustomerUpsert}, so the desktop cannot create customers there";
            }
            else if (system.Mode == RolloutMode.Off)
            {
                yield return $"{name}: system '{systemName}' (screenPop.createIn of flow '{flow.Name}') is off, so the desktop cannot create customers there";
            }
        }
    }

    /// <summary>Why no counted system implements a group: systems that do but are off or not named, or near-miss names.</summary>
    private static string Explain(HubConfiguration configuration, IReadOnlyList<string> group, HashSet<string>? named, List<FlowDefinition> flows)
    {
        var reasons = new List<string>();
        foreach (var system in configuration.Systems.Where(s => group.Any(s.Implements)))
        {
            if (system.Mode == RolloutMode.Off)
            {
                reasons.Add($"{system.Name} implements it but is off");
            }
            else if (named is not null && !named.Contains(system.Name))
            {
                var flowNames = string.Join(", ", flows.Select(flow => $"'{flow.Name}'"));
                reasons.Add(flows.Count == 1
                    ? $"{system.Name} implements it but flow {flowNames} does not name it"
                    : $"{system.Name} implements it but flows {flowNames} do not name it");
            }
        }

        foreach (var system in configuration.Systems.Where(s => !group.Any(s.Implements)))
        {
            foreach (var custom in system.Operations.Keys.Where(key => !OperationNames.IsStandard(key)))
            {
                if (NameSuggestion.Closest(custom, group) is { } meant)
                {
                    reasons.Add($"{system.Name} has '{custom}'; did you mean '{meant}'?");
                }
            }
        }

        return reasons.Count == 0 ? string.Empty : $" ({string.Join("; ", reasons)})";
    }
}
