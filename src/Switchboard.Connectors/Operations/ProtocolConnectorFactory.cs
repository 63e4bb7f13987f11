using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors.Amqp;
using Switchboard.Connectors.Files;
using Switchboard.Connectors.Http;
using Switchboard.Connectors.Rest;
using Switchboard.Connectors.Soap;
using Switchboard.Connectors.Sql;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Operations;

/// <summary>Makes the connector for a system's protocol.</summary>
public sealed class ProtocolConnectorFactory(TemplateEngine templates, ResponseMapper mapper, TimeProvider time, ILoggerFactory loggers)
{
    public IProtocolConnector Create(SystemDefinition system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Protocol switch
        {
            SystemProtocol.Rest => new RestConnector(system, new SystemHttpTransport(system, time, loggers), templates, mapper),
            SystemProtocol.Soap => new SoapConnector(system, new SystemHttpTransport(system, time, loggers), templates, mapper),
            SystemProtocol.Amqp => new AmqpConnector(system, templates, mapper, time, loggers),
            SystemProtocol.Sql => new SqlConnector(system, templates, mapper, time, loggers),
            SystemProtocol.File => new FileConnector(system, templates, mapper, time, loggers),
            _ => throw new ConnectorException(system.Name, "(any)", ConnectorFailureKind.Configuration,
                $"a {system.Protocol.ToString().ToLowerInvariant()} system has no operations to call"),
        };
    }
}
