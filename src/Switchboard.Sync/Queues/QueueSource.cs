using Switchboard.Configuration;
using Switchboard.Core.Common;

namespace Switchboard.Sync.Queues;

/// <summary>An AMQP system's changed-since operation that reads a queue, consumed continuously.</summary>
internal sealed record QueueSource(SystemDefinition System, OperationDefinition Operation, EntityKind Kind)
{
    public string Key => $"{System.Name}/{Operation.Name}";
}
