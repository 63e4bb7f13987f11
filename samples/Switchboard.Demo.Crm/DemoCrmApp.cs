using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Demo.Crm.Activities;
using Switchboard.Demo.Crm.Cases;
using Switchboard.Demo.Crm.Contacts;
using Switchboard.Demo.Crm.Http;
using Switchboard.Demo.Crm.Pages;
using Switchboard.Demo.Crm.Seed;

namespace Switchboard.Demo.Crm;

/// <summary>
/// The demo CRM as an application: contacts, cases and call activities behind an API key, on
/// 127.0.0.1 over plain HTTP. Build it, then <c>StartAsync</c> or <c>RunAsync</c> it; with
/// port 0, read the bound address from the server's addresses feature after starting.
/// </summary>
public static class DemoCrmApp
{
    public static WebApplication Build(DemoCrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        // An empty builder reads no appsettings or environment variables, so a host that embeds
        // the demo (the hub's `demo` command, tests) cannot leak its own configuration into it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DemoCrmApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Chinese names and "+44 ..." go out as plain UTF-8 text rather than \u escapes, as a real
            // CRM's API does. The relaxed encoder is safe here: these bodies are JSON, never HTML.
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });

        var clock = new ModificationClock(options.TimeProvider);
        var seed = CrmSeed.Create(options.Seed, options.TimeProvider.GetUtcNow());
        var contacts = new ContactStore(clock, seed.Contacts);
        builder.Services.AddSingleton(contacts);
        builder.Services.AddSingleton(new CaseStore(clock, seed.Cases));
        builder.Services.AddSingleton(new ActivityStore(clock, seed.Activities));

        var app = builder.Build();
        app.UseCrmApiKey(options.ApiKey);
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok", system = "demo-crm" }));
        app.MapContactEndpoints();
        app.MapCaseEndpoints();
        app.MapActivityEndpoints();
        app.MapRecordPages();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Demo.Crm");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                CrmLog.Listening(logger, address, contacts.Count);
            }
        });
        return app;
    }

    private static void Validate(DemoCrmOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "Invalid demo CRM options: " + string.Join("; ", results.Select(r => r.ErrorMessage)), nameof(options));
        }
    }
}
