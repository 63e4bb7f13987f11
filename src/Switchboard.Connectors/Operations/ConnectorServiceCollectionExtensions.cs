using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Operations;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the template engine, the response mapper and the <see cref="ConnectorRegistry"/> (as
    /// <see cref="IOperationInvoker"/>) over the configuration <paramref name="configuration"/> returns.
    /// Needs a <see cref="PhoneNormalizer"/>, a <see cref="TimeProvider"/> and logging registered.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, Func<IServiceProvider, Func<HubConfiguration?>> configuration)
    {
        services.AddSingleton(sp => new TemplateEngine(sp.GetRequiredService<PhoneNormalizer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ResponseMapper(sp.GetRequiredService<PhoneNormalizer>()));
        services.AddSingleton(sp => new ProtocolConnectorFactory(sp.GetRequiredService<TemplateEngine>(), sp.GetRequiredService<ResponseMapper>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new ConnectorRegistry(configuration(sp), sp.GetRequiredService<ProtocolConnectorFactory>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConnectorRegistry>>()));
        services.AddSingleton<IOperationInvoker>(sp => sp.GetRequiredService<ConnectorRegistry>());
        return services;
    }

    /// <summary>A registry over one fixed configuration, for the command line.</summary>
    public static ConnectorRegistry CreateRegistry(HubConfiguration configuration, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var phones = new PhoneNormalizer(configuration.Phone.DefaultRegion);
        var factory = new ProtocolConnectorFactory(new TemplateEngine(phones, TimeProvider.System), new ResponseMapper(phones), TimeProvider.System, loggers);
        return new ConnectorRegistry(() => configuration, factory, TimeProvider.System, loggers.CreateLogger<ConnectorRegistry>());
    }
}
