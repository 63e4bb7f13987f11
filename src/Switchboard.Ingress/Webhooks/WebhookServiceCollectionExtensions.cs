using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Switchboard.Ingress.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="WebhookEndpoints.MapWebhookEndpoints"/> needs, with <see cref="IngressServiceCollectionExtensions.AddIngressCore"/>.
    /// The host provides the <see cref="Configuration.ConfigurationMonitor"/>, the <see cref="Interactions.IEventIngest"/>
    /// and the <see cref="Core.Phones.PhoneNormalizer"/> the event validator needs.
    /// </summary>
    public static IServiceCollection AddSwitchboardWebhooks(this IServiceCollection services)
    {
        services.AddIngressCore();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookMetrics>();
        services.TryAddSingleton<WebhookMapper>();
        services.TryAddSingleton<WebhookReceiver>();
        return services;
    }
}
