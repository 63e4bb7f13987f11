using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Configuration;
using Switchboard.Connectors.Operations;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Rest;

/// <summary>
/// A configuration directory holding one system written in YAML, loaded by the real loader, and the
/// registry that calls it: the path a user's configuration takes, from file to HTTP call.
/// </summary>
public sealed class ConnectorHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private ConnectorHarness(TempDirectory directory, HubConfiguration configuration)
    {
        _directory = directory;
        Configuration = configuration;
        Registry = ConnectorServiceCollectionExtensions.CreateRegistry(configuration, NullLoggerFactory.Instance);
    }

    public HubConfiguration Configuration { get; }

    public ConnectorRegistry Registry { get; }

    /// <summary>Loads <paramref name="systemYaml"/> as systems/NAME.yaml; fails the test with every error if it is invalid.</summary>
    public static ConnectorHarness Load(string systemYaml, string name = "crm")
    {
        var directory = new TempDirectory("switchboard-connector");
        directory.Write("switchboard.yaml", "hub:\n  name: Connector tests\nphone:\n  defaultRegion: DE\n");
        directory.Write($"systems/{name}.yaml", systemYaml);
        var result = ConfigurationLoader.Load(directory.Path);
        if (!result.IsValid)
        {
            var errors = string.Join(Environment.NewLine, result.Errors);
            directory.Dispose();
            throw new InvalidOperationException($"the test configuration is invalid:{Environment.NewLine}{errors}");
        }

        return new ConnectorHarness(directory, result.Configuration!);
    }

    public Task<OperationResult> CallAsync(string operation, params (string Name, object? Value)[] arguments) =>
        CallAsync("crm", operation, OperationArguments.From(arguments));

    public Task<OperationResult> CallAsync(string system, string operation, OperationArguments arguments, OperationTrace? trace = null) =>
        Registry.InvokeAsync(system, operation, arguments, CancellationToken.None, trace);

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        _directory.Dispose();
    }
}
