using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Turns what the pipeline answers on the SOAP endpoint (401 and 403 from authorization, 413, 500 and 503
/// from the exception handler) into a SOAP Fault instead of problem+json, so SOAP clients raise it as a fault.
/// </summary>
internal sealed class SoapFaultProblemWriter(IngressMetrics metrics, IOptions<ProblemDetailsOptions> options, ILogger<SoapEventEndpoint> logger)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<SoapEndpointMetadata>() is not null;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var message = context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? ReasonPhrases.GetReasonPhrase(status);
        var reason = status switch
        {
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status413PayloadTooLarge => "oversize",
            < 500 => "malformed",
            _ => null,
        };
        if (reason is not null)
        {
            metrics.Rejected(SoapIngressDefaults.Ingress, reason);
        }

        SoapIngressLog.PipelineFault(logger, status, message);
        var version = SoapProtocol.FromContentType(http.Request.ContentType);
        var code = status < 500 ? SoapFaultCode.Sender : SoapFaultCode.Receiver;
        await SoapResponseWriter.WriteFaultAsync(http.Response, version, code, message, [], status, http.RequestAborted);
    }
}
