// A bare ASP.NET Core endpoint that does no work: the denominator of every web-facing benchmark.
// It uses the same defaults a hub gets from WebApplication.CreateBuilder, with logging off and, as in the hub, no
// reload-on-change of appsettings (which would watch the working directory recursively).
// Run: dotnet Switchboard.Benchmarks.BareEndpoint.dll --urls http://127.0.0.1:PORT
//  or: dotnet Switchboard.Benchmarks.BareEndpoint.dll --urls https://127.0.0.1:PORT
// (HTTPS, as the hub serves, with a self-signed ECDSA P-256 certificate made at start.)
using Switchboard.Benchmarks.BareEndpoint;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"] });
builder.Logging.ClearProviders();
if (builder.Configuration["urls"] is { } urls && urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
{
    var certificate = SelfSignedCertificate.Create();
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
}

var app = builder.Build();

// Reads the JSON body to its end (as any real endpoint must) without parsing it, then 202.
app.MapPost("/bare", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var reader = request.BodyReader;
    while (true)
    {
        var read = await reader.ReadAsync(cancellationToken);
        reader.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted || read.IsCanceled)
        {
            break;
        }
    }

    return TypedResults.StatusCode(StatusCodes.Status202Accepted);
});

app.MapGet("/bare", () => TypedResults.Ok());

app.Run();
