using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Core.Events;

namespace Switchboard.Ingress;

public static class IngressServiceCollectionExtensions
{
    /// <summary>What every ingress shares: the event validator and the ingress metrics. Needs a PhoneNormalizer and a TimeProvider.</summary>
    public static IServiceCollection AddIngressCore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<IngressMetrics>();
        services.TryAddSingleton<ContactCenterEventValidator>();
        return services;
    }
}
