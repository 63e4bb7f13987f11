using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Operations;

/// <summary>
/// The hub's entry point for calling systems: finds the system and operation in the current
/// configuration, keeps one connector per system (made again when its definition changes), and
/// honours the system's rollout mode (off refuses; shadow performs reads and records the writes it
/// would have made without sending them).
/// </summary>
public sealed partial class ConnectorRegistry : IOperationInvoker, IAsyncDisposable
{
    // A replaced connector lives on this long, so calls already under way finish on it.
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(5);

    private readonly Func<HubConfiguration?> _configuration;
    private readonly ProtocolConnectorFactory _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectorRegistry> _logger;
    private readonly ConcurrentDictionary<string, Lazy<IProtocolConnector>> _connectors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(DateTimeOffset RetiredAt, Lazy<IProtocolConnector> Connector)> _retired = new();
    private readonly Lock _replacing = new();

    public ConnectorRegistry(Func<HubConfiguration?> configuration, ProtocolConnectorFactory factory, TimeProvider time, ILogger<ConnectorRegistry> logger)
    {
        _configuration = configuration;
        _factory = factory;
        _time = time;
        _logger = logger;
    }

    public async Task<OperationResult> InvokeAsync(string system, string operation, OperationArguments arguments,
        CancellationToken cancellationToken, OperationTrace? trace = null)
    {
        var (connector, definition) = Resolve(system, operation);
        switch (connector.System.Mode)
        {
            case RolloutMode.Off:
                throw new ConnectorException(system, operation, ConnectorFailureKind.Configuration,
                    $"{system} is off (mode: off in {connector.System.File}); set mode to shadow, pilot or on to call it");
            case RolloutMode.Shadow when !definition.IsRead:
                LogShadowWrite(_logger, system, operation);
                trace?.Add(new OperationExchange { Request = $"SHADOW {operation}: not sent (mode: shadow)" });
                return new OperationResult { Outcome = OperationOutcome.Success };
        }

        return await connector.InvokeAsync(definition, arguments, trace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connector for <paramref name="system"/> under the current configuration, whatever its mode (for the CLI's debugging commands).</summary>
    public IProtocolConnector Connector(string system)
    {
        var definition = _configuration()?.FindSystem(system)
            ?? throw new ConnectorException(system, "(any)", ConnectorFailureKind.Configuration, $"no system is named '{system}'");
        return ConnectorFor(definition);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors.Values.Concat(_retired.Select(r => r.Connector)).Where(c => c.IsValueCreated))
        {
            await connector.Value.DisposeAsync().ConfigureAwait(false);
        }

        _connectors.Clear();
        _retired.Clear();
    }

    private (IProtocolConnector Connector, OperationDefinition Operation) Resolve(string system, string operation)
    {
        var definition = _configuration()?.FindSystem(system)
            ?? throw new ConnectorException(system, operation, ConnectorFailureKind.Configuration, $"no system is named '{system}'");
        if (!definition.Operations.TryGetValue(operation, out var op))
        {
            throw new ConnectorException(system, operation, ConnectorFailureKind.Configuration,
                $"{system} does not define the operation '{operation}' (it defines {string.Join(", ", definition.Operations.Keys.Order(StringComparer.Ordinal))})");
        }

        return (ConnectorFor(definition), op);
    }

    private IProtocolConnector ConnectorFor(SystemDefinition definition)
    {
        var current = _connectors.GetOrAdd(definition.Name, _ => new Lazy<IProtocolConnector>(() => _factory.Create(definition)));
        if (ReferenceEquals(current.Value.System, definition))
        {
            return current.Value;
        }

        lock (_replacing)
        {
            current = _connectors[definition.Name];
            if (!ReferenceEquals(current.Value.System, definition))
            {
                LogReplaced(_logger, definition.Name);
                _retired.Enqueue((_time.GetUtcNow(), current));
                current = new Lazy<IProtocolConnector>(() => _factory.Create(definition));
                _connectors[definition.Name] = current;
                DisposeRetired();
            }
        }

        return current.Value;
    }

    private void DisposeRetired()
    {
        while (_retired.TryPeek(out var oldest) && _time.GetUtcNow() - oldest.RetiredAt > RetireAfter && _retired.TryDequeue(out oldest))
        {
            _ = oldest.Connector.Value.DisposeAsync().AsTask();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{System} {Operation}: shadow mode, the write was not sent")]
    private static partial void LogShadowWrite(ILogger logger, string system, string operation);

    [LoggerMessage(Level = LogLevel.Information, Message = "{System} changed; its connector is made again")]
    private static partial void LogReplaced(ILogger logger, string system);
}
