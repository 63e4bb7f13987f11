using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Switchboard.Configuration;
using Switchboard.Connectors.Operations;
using Switchboard.Delivery;
using Switchboard.Desktop;
using Switchboard.Desktop.Actions;
using Switchboard.Desktop.Hubs;
using Switchboard.Desktop.Pops;
using Switchboard.Desktop.SignIn;
using Switchboard.Desktop.Web;
using Switchboard.ScreenPop;
using Switchboard.Core.Phones;
using Switchboard.Ingress;
using Switchboard.Ingress.Ami;
using Switchboard.Ingress.Rest;
using Switchboard.Ingress.Soap;
using Switchboard.Ingress.Webhooks;
using Switchboard.Flows;
using Switchboard.Interactions;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Diagnostics;
using Switchboard.Server.Endpoints;
using Switchboard.Server.Errors;
using Switchboard.Server.Health;
using Switchboard.Security.DataProtection;
using Switchboard.Server.Hosting;
using Switchboard.Storage;
using Switchboard.Sync;
using Switchboard.Sync.Webhooks;

namespace Switchboard.Server;

/// <summary>The hub's topology on one page: what it registers, which middleware runs in which order, which endpoints it maps.</summary>
public static class HubApplication
{
    /// <summary>Builds the hub from a configuration directory. Throws <see cref="InvalidConfigurationException"/> listing every error.</summary>
    public static WebApplication Build(string configurationDirectory, Action<WebApplicationBuilder>? customize = null)
    {
        var loaded = ConfigurationLoader.Load(configurationDirectory);
        if (!loaded.IsValid)
        {
            throw new InvalidConfigurationException(loaded.Errors);
        }

        var configuration = loaded.Configuration!;
        // The hub's configuration is its YAML directory (watched by ConfigurationMonitor), not appsettings.json: the
        // host's reload-on-change would watch the whole working directory recursively, and when the data directory
        // lies inside it every database write woke that watcher (about 5% of the hub's CPU under load).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        var dataDirectory = HubPaths.DataDirectory(configuration);
        Directory.CreateDirectory(dataDirectory);

        builder.Logging.AddHubLogging(configuration.Logging);
        builder.WebHost.ConfigureHubKestrel(configuration.Server, dataDirectory);

        builder.Services.AddSingleton(TimeProvider.System);
        // The monitor reads the directory again and then watches it; a failed reload keeps the last good set.
        builder.Services.AddSingleton(sp => new ConfigurationMonitor(
            configuration.Directory, sp.GetRequiredService<ILogger<ConfigurationMonitor>>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSwitchboardStorage(HubPaths.StorageOptions(configuration));
        builder.Services.AddSwitchboardSecurity();
        builder.Services.AddSingleton<StorageReadiness>();
        builder.Services.AddHostedService<StorageInitializer>();
        // Registered after the storage initializer: hosted services start in order, so the schema exists first.
        // The sign-in cookies' keys live in the database, so every hub process sharing it accepts them (Data Protection's
        // own hosted service reads them at start).
        builder.Services.AddHubDataProtection();
        // Numbers without a country code are read in the running configuration's region, also after a reload.
        builder.Services.AddSingleton(sp =>
        {
            var monitor = sp.GetRequiredService<ConfigurationMonitor>();
            var initial = configuration.Phone.DefaultRegion;
            return new PhoneNormalizer(() => monitor.Current?.Phone.DefaultRegion ?? initial);
        });
        builder.Services.AddSwitchboardInteractions();
        builder.Services.AddIngressCore();
        builder.Services.AddSoapIngress();
        builder.Services.AddAmiIngress();
        builder.Services.AddSwitchboardWebhooks();
        // Calls to the configured systems always use the configuration current at the time of the call.
        builder.Services.AddConnectors(sp => () => sp.GetRequiredService<ConfigurationMonitor>().Current);
        // Ringing calls pop on the desktop of the agent they are offered to (wraps the journal's ingest).
        builder.Services.AddDelivery(configuration.Delivery);
        builder.Services.AddFlows();
        builder.Services.AddScreenPop(ScreenPopOptions.From(configuration), configuration.Redis);
        builder.Services.AddDesktop(configuration.Redis);
        // Order and ticket changes from the systems (poll, webhook, queue) update the hub and reach the agents.
        builder.Services.AddSync();
        var health = builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag]);
        if (configuration.Redis is { } redis)
        {
            builder.Services.AddSingleton(_ => new RedisHealthCheck(redis.ConnectionString.Resolve()));
            health.AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        }

        builder.Services.AddHubAuthentication();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Apply);
        builder.Services.AddExceptionHandler<HubExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityScheme>());
        customize?.Invoke(builder);

        var app = builder.Build();
        // Create the monitor now, not at the first request: it must start from the files validated above.
        var monitor = app.Services.GetRequiredService<ConfigurationMonitor>();
        if (monitor.Current is null)
        {
            throw new InvalidConfigurationException(monitor.LastErrors);
        }

        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHomePage();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle($"{configuration.Hub.Name} API")).AllowAnonymous();

        app.MapEventEndpoints();
        app.MapSoapIngress();
        app.MapWebhookEndpoints();
        app.MapHub<AgentHub>(AgentHub.Path);
        app.MapScreenPops();
        app.MapDesktopSignIn();
        app.MapDesktopUi();
        app.MapDesktopActions();
        app.MapGroup("/api/v1")
            .MapStatusEndpoints()
            .MapCustomerEndpoints()
            .MapOrderEndpoints()
            .MapTicketEndpoints()
            .MapAgentEndpoints()
            .MapInteractionEndpoints()
            .MapConfigurationEndpoints()
            .MapApiKeyEndpoints()
            .MapDeadLetterEndpoints()
            .MapSystemChangeEndpoints()
            .MapDeliveryStatusEndpoints()
            .MapReconciliationEndpoints();
        return app;
    }

    /// <summary>The HTTPS address the hub listens on once started (with the port Kestrel chose when configured as 0).</summary>
    public static Uri ListeningAddress(this WebApplication app)
    {
        var uri = new Uri(app.Urls.First());
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
    }
}
