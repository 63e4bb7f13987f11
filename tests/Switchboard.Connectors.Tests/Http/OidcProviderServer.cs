using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Connectors.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Http;

/// <summary>
/// The npm package oidc-provider (tests/peers/oauth-server.mjs), a certified OAuth 2.0 server nobody
/// on the team wrote, run by node on 127.0.0.1. Installs tests/peers' packages with <c>npm ci</c> when
/// they are missing.
/// </summary>
public sealed class OidcProviderServer : IAsyncDisposable
{
    /// <summary>Access tokens of the client <c>short-lived</c> expire after this many seconds.</summary>
    public const int ShortTtlSeconds = 2;

    private readonly Process _node;
    private readonly StringBuilder _output;
    private readonly HttpClient _http = new();

    private OidcProviderServer(Process node, StringBuilder output, int port)
    {
        _node = node;
        _output = output;
        Issuer = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Issuer { get; }

    public Uri TokenUrl => new(Issuer, "token");

    public Uri IntrospectionUrl => new(Issuer, "token/introspection");

    public static async Task<OidcProviderServer> StartAsync()
    {
        var peers = await TestPeers.EnsureInstalledAsync();
        var port = TestHub.UnusedPort();
        var start = new ProcessStartInfo("/usr/bin/node")
        {
            WorkingDirectory = peers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("oauth-server.mjs");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(ShortTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = new Process { StartInfo = start };
        node.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith("listening", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        node.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var server = new OidcProviderServer(node, output, port);
        var exited = node.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"oidc-provider did not start on port {port}:\n{server.Output}");
        }

        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Access tokens issued so far to <paramref name="clientId"/>, as counted by the server.</summary>
    public async Task<int> IssuedAsync(string clientId)
    {
        var counts = await _http.GetFromJsonAsync<Dictionary<string, int>>(new Uri(Issuer, "test/issued"));
        return counts!.GetValueOrDefault(clientId);
    }

    /// <summary>Revokes <paramref name="token"/> through the revocation endpoint (RFC 7009), as its client.</summary>
    public async Task RevokeAsync(string token, string clientId, string clientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "token/revocation"))
        {
            Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
        };
        request.Headers.Authorization = Basic(clientId, clientSecret);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_node.HasExited)
        {
            // Closing stdin asks the script to stop; kill it if it does not.
            _node.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _node.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _node.Kill(entireProcessTree: true);
            }
        }

        _node.Dispose();
    }
}
