using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Desktop.Hubs;
using Switchboard.Desktop.Pops;
using Switchboard.Interactions;
using Switchboard.Interactions.Journal;
using Switchboard.Security.Accounts;
using Switchboard.Sync;

namespace Switchboard.Desktop;

public static class DesktopServiceCollectionExtensions
{
    /// <summary>
    /// Screen pops on ringing calls, pushed over SignalR: wraps the event journal's <see cref="IEventIngest"/>
    /// with the trigger (register after <c>AddSwitchboardInteractions</c> and <c>AddScreenPop</c>). With
    /// <paramref name="redis"/>, every push goes through Redis, so it reaches the agent's desktops whichever hub
    /// process they are connected to.
    /// </summary>
    public static IServiceCollection AddDesktop(this IServiceCollection services, RedisSettings? redis = null)
    {
        services.AddAuthentication().AddCookie(DesktopAuthentication.Scheme, options =>
        {
            options.Cookie.Name = DesktopAuthentication.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            // The desktop is a script talking to an API: answer 401/403, never redirect to a login page.
            // A disabled account loses its session at its next request or reconnect.
            options.Events.OnValidatePrincipal = async context =>
            {
                var id = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
                if (id is null || await accounts.GetAsync(id, context.HttpContext.RequestAborted) is not { IsDisabled: false })
                {
                    context.RejectPrincipal();
                }
            };
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(options => options.AddPolicy(DesktopAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(DesktopAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(DesktopAuthentication.AgentIdClaim)));
        services.AddAgentAccounts();
        // The desktop's actions are events too, checked like every other ingress's.
        services.TryAddSingleton<ContactCenterEventValidator>();
        var signalR = services.AddSignalR();
        if (redis is not null)
        {
            var connection = redis.ConnectionString.Resolve();
            signalR.AddStackExchangeRedis(connection, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.ChannelPrefix));
        }

        // Tickets and orders created from the desktop go through the delivery outbox (AddDelivery).
        services.TryAddSingleton<Actions.DesktopPipeline>();
        services.AddSingleton<IPopPublisher, SignalRPopPublisher>();
        // Order and ticket changes applied by Switchboard.Sync reach the desktops watching the customer.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordChangePublisher, SignalRRecordChangePublisher>());
        // The pop's cache forgets the lists that showed a reported record as it was, applied or not.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportedChangeObserver, PopCacheChangeObserver>());
        services.AddSingleton<HeldPops>();
        services.AddSingleton<PopDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PopDispatcher>());
        // The last registration is the one ingress resolves: every ingress path now triggers pops.
        services.AddSingleton<IEventIngest>(sp => new ScreenPopTrigger(sp.GetRequiredService<EventJournal>(), sp.GetRequiredService<PopDispatcher>()));
        return services;
    }
}
