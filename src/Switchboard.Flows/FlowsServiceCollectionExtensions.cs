using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Flows.CallLogging;
using Switchboard.Interactions.Assembly;

namespace Switchboard.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>The flows that send interactions to other systems (call logging). Needs delivery (<c>AddDelivery</c>) and the interactions module.</summary>
    public static IServiceCollection AddFlows(this IServiceCollection services)
    {
        services.TryAddSingleton<CallLoggingFlow>();
        services.TryAddSingleton<Reconciliation.CallLogReconciler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInteractionObserver, CallLoggingFlow>(sp => sp.GetRequiredService<CallLoggingFlow>()));
        return services;
    }
}
