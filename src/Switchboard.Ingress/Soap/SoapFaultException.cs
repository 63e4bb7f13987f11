using Switchboard.Core.Common;

namespace Switchboard.Ingress.Soap;

/// <summary>A request the endpoint refuses: becomes a SOAP Fault, an <see cref="IngressMetrics"/> rejection and a log line.</summary>
internal sealed class SoapFaultException(SoapFaultCode code, string reason, string message, IReadOnlyList<FieldError>? errors = null, int? httpStatus = null)
    : Exception(message)
{
    public SoapFaultCode Code { get; } = code;

    /// <summary>The stable rejection code for metrics: malformed, invalid, oversize, batch_too_large, ...</summary>
    public string Reason { get; } = reason;

    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    /// <summary>An HTTP status other than the one SOAP prescribes for the fault code (413 for an oversize body).</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The envelope version, once the reader has seen it.</summary>
    public SoapVersion? Version { get; init; }
}
