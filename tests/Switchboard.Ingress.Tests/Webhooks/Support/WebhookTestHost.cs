using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Configuration;
using Switchboard.Core.Phones;
using Switchboard.Ingress.Tests.Support;
using Switchboard.Ingress.Webhooks;
using Switchboard.Interactions;
using Switchboard.Testing;

namespace Switchboard.Ingress.Tests.Webhooks.Support;

/// <summary>
/// The webhook endpoints in a small Kestrel host on 127.0.0.1 over HTTP, configured from YAML files in a
/// temporary directory, with a fake clock, a recording ingest, captured logs and the ingress meters read back.
/// As in the hub, every route needs an authenticated caller unless it allows anonymous ones.
/// </summary>
public sealed class WebhookTestHost : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, string? Ingress, string? Reason, long Value)> _measurements = new();
    private readonly TempDirectory _directory;
    private readonly ConfigurationMonitor _monitor;

    private WebhookTestHost(TempDirectory directory, ConfigurationMonitor monitor, WebApplication app, RecordingIngest ingest, CapturedLogs logs)
    {
        _directory = directory;
        _monitor = monitor;
        App = app;
        Ingest = ingest;
        Logs = logs;
        Address = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = Address };
    }

    public WebApplication App { get; }
    public RecordingIngest Ingest { get; }
    public CapturedLogs Logs { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }

    public static async Task<WebhookTestHost> StartAsync(ManualClock clock, long maxRequestBodyBytes = 64 * 1024, params (string File, string Yaml)[] webhooks)
    {
        var directory = new TempDirectory("switchboard-webhooks");
        directory.Write("switchboard.yaml", $"server:\n  limits:\n    maxRequestBodyBytes: {maxRequestBodyBytes}\nphone:\n  defaultRegion: US\n");
        foreach (var (file, yaml) in webhooks)
        {
            directory.Write(file, yaml);
        }

        var monitor = new ConfigurationMonitor(directory.Path, NullLogger<ConfigurationMonitor>.Instance, clock, watch: false);
        if (monitor.Current is null)
        {
            throw new InvalidOperationException("Test configuration is invalid: " + string.Join("; ", monitor.LastErrors));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            // Kestrel's limit sits above the configured one so the endpoint's own bound is what answers.
            k.Limits.MaxRequestBodySize = maxRequestBodyBytes * 4;
        });
        var ingest = new RecordingIngest();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(monitor);
        builder.Services.AddSingleton(new PhoneNormalizer("US"));
        builder.Services.AddSingleton<IEventIngest>(ingest);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(NoCallerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, NoCallerHandler>(NoCallerHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSwitchboardWebhooks();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWebhookEndpoints();
        app.MapGet("/protected", () => "a route that needs a caller");
        await app.StartAsync();
        var host = new WebhookTestHost(directory, monitor, app, ingest, logs);
        host.ListenToMeters(app.Services.GetRequiredService<IMeterFactory>());
        return host;
    }

    /// <summary>The sum of an ingress counter's measurements for one ingress, optionally only those with one reason.</summary>
    public long Measured(string instrument, string ingress, string? reason = null) =>
        _measurements.Where(m => m.Instrument == instrument && m.Ingress == ingress && (reason is null || m.Reason == reason)).Sum(m => m.Value);

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
            string? ingress = null;
            string? reason = null;
            foreach (var tag in tags)
            {
                ingress = tag.Key == "ingress" ? tag.Value as string : ingress;
                reason = tag.Key == "reason" ? tag.Value as string : reason;
            }

            _measurements.Enqueue((instrument.Name, ingress, reason, value));
        });
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _monitor.Dispose();
        _directory.Dispose();
    }

    /// <summary>Authenticates nobody: only routes that allow anonymous callers can answer.</summary>
    private sealed class NoCallerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "none";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
    }
}
