namespace Switchboard.Connectors;

/// <summary>What the rest of the hub calls: an operation of a system by name, under the current configuration.</summary>
public interface IOperationInvoker
{
    /// <exception cref="ConnectorException">The system or operation is unknown, or the call failed.</exception>
    Task<OperationResult> InvokeAsync(string system, string operation, OperationArguments arguments, CancellationToken cancellationToken, OperationTrace? trace = null);
}
