using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Configuration;

namespace Switchboard.Ingress.Soap;

public static class SoapIngressServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SOAP ingress (map it with <see cref="SoapIngressEndpointRouteBuilderExtensions.MapSoapIngress"/>).
    /// Needs an <c>IEventIngest</c>, authentication with an <c>EventsWrite</c> policy, and reads the running
    /// <see cref="ConfigurationMonitor"/> when one is registered.
    /// </summary>
    public static IServiceCollection AddSoapIngress(this IServiceCollection services, Action<SoapIngressOptions>? configure = null)
    {
        var options = services.AddOptions<SoapIngressOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IngressMetrics>();
        services.TryAddSingleton(sp => new SoapIngressSettings(
            sp.GetService<ConfigurationMonitor>(), sp.GetRequiredService<IOptions<SoapIngressOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SoapEventEndpoint>();

        // ProblemDetailsService asks its writers in registration order and the default JSON writer accepts
        // almost any request, so the SOAP writer (which only takes the SOAP endpoint) must come first.
        if (!services.Any(d => d.ServiceType == typeof(IProblemDetailsWriter) && d.ImplementationType == typeof(SoapFaultProblemWriter)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, SoapFaultProblemWriter>());
        }

        return services;
    }
}
