using Switchboard.Configuration;

namespace Switchboard.Connectors;

/// <summary>
/// Calls the operations of one configured system over its protocol. One instance per system and
/// configuration version; thread-safe; disposed when the configuration changes.
/// </summary>
public interface IProtocolConnector : IAsyncDisposable
{
    SystemDefinition System { get; }

    /// <summary>Calls <paramref name="operation"/> once (with the system's retries), mapping the answer.</summary>
    /// <exception cref="ConnectorException">The call failed; the message says why.</exception>
    Task<OperationResult> InvokeAsync(OperationDefinition operation, OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken);
}
