using Microsoft.Extensions.Logging;

namespace Switchboard.Ingress.Soap;

/// <summary>Log messages of the SOAP ingress, event ids 4300–4399.</summary>
internal static partial class SoapIngressLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "SOAP {Operation}: {Accepted} events accepted, {Duplicates} duplicates")]
    public static partial void Ingested(ILogger logger, SoapOperation operation, int accepted, int duplicates);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "SOAP request refused ({Reason}): {Detail}")]
    public static partial void Refused(ILogger logger, string reason, string detail);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "SOAP request answered with HTTP {Status} by the pipeline: {Detail}")]
    public static partial void PipelineFault(ILogger logger, int status, string detail);
}
