using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Ingress.Soap;
using Switchboard.Ingress.Tests.Support;
using Switchboard.Interactions;
using Switchboard.Security;
using Switchboard.Server.Authentication;

namespace Switchboard.Ingress.Tests.Soap;

/// <summary>
/// The SOAP ingress in a small Kestrel host on 127.0.0.1 over HTTP: the hub's policies, permission
/// handler and 401/403 writer, a stand-in key handler, a recording ingest, and the ingress meters read back.
/// </summary>
public sealed class SoapTestHost : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, string? Reason, long Value)> _measurements = new();

    private SoapTestHost(WebApplication app, RecordingIngest ingest)
    {
        App = app;
        Ingest = ingest;
        Address = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = Address };
    }

    public WebApplication App { get; }
    public RecordingIngest Ingest { get; }
    public Uri Address { get; }
    public Uri Endpoint => new(Address, SoapIngressDefaults.Path);
    public HttpClient Client { get; }

    public static async Task<SoapTestHost> StartAsync(int maxBatchSize = 500, long maxRequestBodyBytes = 64 * 1024)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = maxRequestBodyBytes;
        });
        var ingest = new RecordingIngest();
        builder.Services.AddSingleton<IEventIngest>(ingest);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(TestApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestApiKeyHandler>(TestApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorization(options =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                options.AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }

            // As in the hub: every route needs a key unless it allows anonymous callers (the WSDL does).
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        builder.Services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblemWriter>();
        builder.Services.AddSoapIngress(o => o.MaxBatchSize = maxBatchSize);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSoapIngress();
        await app.StartAsync();
        var host = new SoapTestHost(app, ingest);
        host.ListenToMeters(app.Services.GetRequiredService<IMeterFactory>());
        return host;
    }

    /// <summary>The sum of an ingress counter's measurements, optionally only those with one reason tag.</summary>
    public long Measured(string instrument, string? reason = null) =>
        _measurements.Where(m => m.Instrument == instrument && (reason is null || m.Reason == reason)).Sum(m => m.Value);

    private void ListenToMeters(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == IngressMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = tag.Value as string;
                }
            }

            _measurements.Enqueue((instrument.Name, reason, value));
        });
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
