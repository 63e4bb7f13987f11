using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Http;
using Switchboard.Demo.Erp.Orders;
using Switchboard.Demo.Erp.Pages;
using Switchboard.Demo.Erp.Seed;
using Switchboard.Demo.Erp.Soap;

namespace Switchboard.Demo.Erp;

/// <summary>
/// The demo ERP as an application: customers and sales orders behind an API key, on 127.0.0.1
/// over plain HTTP, in the style of an older system (snake_case, epoch seconds, decimal strings,
/// 204 for an empty search), and the same data over SOAP 1.1/1.2 at /soap/erp. Build it, then
/// <c>StartAsync</c> or <c>RunAsync</c> it; with port 0, read the bound address from the server's
/// addresses feature after starting.
/// </summary>
public static class DemoErpApp
{
    public static WebApplication Build(DemoErpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        // An empty builder reads no appsettings or environment variables, so a host that embeds
        // the demo (the hub's `demo` command, tests) cannot leak its own configuration into it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DemoErpApp).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging =>
        {
            // SoapCore logs every fault it sends as an error with a stack trace; here faults are the
            // caller's mistakes (no such order), so only its critical messages are worth showing.
            logging.AddFilter("SoapCore", LogLevel.Critical);
            options.ConfigureLogging?.Invoke(logging);
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Chinese names go out as plain UTF-8 text rather than \u escapes. The relaxed encoder
            // is safe here: these bodies are JSON, never HTML.
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });

        var seed = ErpSeed.Create(options.Seed, options.TimeProvider.GetUtcNow());
        var customers = new CustomerStore(seed.Customers);
        var orders = new OrderStore(options.TimeProvider, seed.Orders);
        builder.Services.AddSingleton(customers);
        builder.Services.AddSingleton(orders);
        builder.Services.AddErpSoap();

        var app = builder.Build();
        app.UseErpApiKey(options.ApiKey);
        app.UseErpSoap();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "UP", system = "demo-erp" }));
        app.MapCustomerEndpoints();
        app.MapOrderEndpoints();
        app.MapRecordPages();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Demo.Erp");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                ErpLog.Listening(logger, address, customers.Count, orders.Count);
            }
        });
        return app;
    }

    private static void Validate(DemoErpOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                "Invalid demo ERP options: " + string.Join("; ", results.Select(r => r.ErrorMessage)), nameof(options));
        }
    }
}
