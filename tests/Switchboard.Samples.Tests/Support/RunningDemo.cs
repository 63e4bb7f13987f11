using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Samples.Tests.Support;

/// <summary>
/// A demo system started on a free loopback port, reached over real HTTP like the hub reaches it.
/// </summary>
public sealed class RunningDemo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningDemo(WebApplication app, Uri baseAddress, string apiKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = Create(apiKey);
        Anonymous = Create(apiKey: null);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that sends the right API key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends no API key.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<RunningDemo> StartAsync(WebApplication app, string apiKey)
    {
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = new Uri(addresses.Single());
        address.Host.ShouldBe("127.0.0.1");
        address.Port.ShouldNotBe(0);
        return new RunningDemo(app, address, apiKey);
    }

    public HttpClient Create(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
