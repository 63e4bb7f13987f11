using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Switchboard.Ingress.Ami;

public static class AmiServiceCollectionExtensions
{
    /// <summary>
    /// Connects to every Asterisk declared as a system with <c>protocol: ami</c> (mode not off) in the
    /// running configuration, and offers <see cref="IContactCenterActions"/> (click-to-dial, pause). Needs
    /// a <c>ConfigurationMonitor</c>, a <c>PhoneNormalizer</c> and an <c>IEventIngest</c> registered by the host.
    /// </summary>
    public static IServiceCollection AddAmiIngress(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddIngressCore();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AmiIngressHost>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AmiIngressHost>());
        services.TryAddSingleton<IContactCenterActions>(sp => sp.GetRequiredService<AmiIngressHost>());
        return services;
    }
}
