using Switchboard.Configuration;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// The systems a pop may query: every system that is not off, narrowed by <see cref="ScreenPopOptions.Systems"/>
/// and, when the configuration declares screen-pop flows, by the flows that apply to this call (their
/// mode, their systems and, in pilot, their cohort). With screen-pop flows declared but none applying,
/// only the hub's own index is used.
/// </summary>
internal static class PopSystems
{
    public static IReadOnlyList<SystemDefinition> For(HubConfiguration? configuration, ScreenPopOptions options, PopRequest request)
    {
        if (configuration is null)
        {
            return [];
        }

        var systems = configuration.Systems
            .Where(s => s.Mode != RolloutMode.Off)
            .Where(s => options.Systems.Count == 0 || options.Systems.Contains(s.Name, StringComparer.Ordinal))
            .ToList();
        var flows = configuration.Flows.Where(f => f.Capability == Capability.ScreenPop).ToList();
        if (flows.Count == 0)
        {
            return systems;
        }

        var applying = flows.Where(f => f.AppliesTo(request.AgentId is null ? [] : [request.AgentId], request.Queue, request.CallId)).ToList();
        return [.. systems.Where(s => applying.Any(f => f.Systems.Count == 0 || f.Systems.Contains(s.Name, StringComparer.Ordinal)))];
    }
}
