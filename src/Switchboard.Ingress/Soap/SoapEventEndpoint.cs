using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Common;
using Switchboard.Interactions;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Handles <c>POST /soap/events</c>: reads the envelope, validates every event, and either refuses the
/// whole request with one fault listing every error, or ingests all of it and answers each event's outcome.
/// </summary>
internal sealed class SoapEventEndpoint(IEventIngest ingest, IngressMetrics metrics, SoapIngressSettings settings, ILogger<SoapEventEndpoint> logger)
{
    private const string Ingress = SoapIngressDefaults.Ingress;

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        SoapRequest request;
        try
        {
            request = await ReadAsync(context, ct);
            var errors = Validate(request);
            if (errors.Count > 0)
            {
                var what = request.Events.Count == 1 ? "The event was" : $"All {request.Events.Count} events were";
                throw new SoapFaultException(SoapFaultCode.Sender, "invalid",
                    $"{what} refused and nothing was ingested ({errors.Count} errors): {string.Join("; ", errors)}", errors)
                {
                    Version = request.Version,
                };
            }
        }
        catch (SoapFaultException fault)
        {
            await RefuseAsync(context, fault, ct);
            return;
        }

        var outcomes = await ingest.IngestAsync(request.Events, ct);
        var duplicates = outcomes.Count(o => o == IngestOutcome.Duplicate);
        if (outcomes.Count > duplicates)
        {
            metrics.Accepted(Ingress, outcomes.Count - duplicates);
        }

        if (duplicates > 0)
        {
            metrics.Duplicate(Ingress, duplicates);
        }

        SoapIngressLog.Ingested(logger, request.Operation, outcomes.Count - duplicates, duplicates);
        await SoapResponseWriter.WriteResultsAsync(context.Response, request.Version, request.Operation, request.Events, outcomes, ct);
    }

    private async Task<SoapRequest> ReadAsync(HttpContext context, CancellationToken ct)
    {
        try
        {
            return await SoapRequestReader.ReadAsync(context.Request.Body, settings.MaxBatchSize, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            throw new SoapFaultException(SoapFaultCode.Sender, "oversize",
                $"The request body exceeds the limit of {limit} bytes (server.limits.maxRequestBodyBytes); send fewer events per request.",
                httpStatus: StatusCodes.Status413PayloadTooLarge);
        }
    }

    private List<FieldError> Validate(SoapRequest request)
    {
        var errors = new List<FieldError>(request.Errors);
        // A field that could not be read (a date without a zone) already has its error; skip the validator's "is required".
        var unreadable = request.Errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        var validator = settings.Validator();
        for (var i = 0; i < request.Events.Count; i++)
        {
            errors.AddRange(validator.Validate(request.Events[i], request.Prefixes[i]).Where(e => !unreadable.Contains(e.Field)));
        }

        return errors;
    }

    private async Task RefuseAsync(HttpContext context, SoapFaultException fault, CancellationToken ct)
    {
        var version = fault.Version ?? SoapProtocol.FromContentType(context.Request.ContentType);
        metrics.Rejected(Ingress, fault.Reason);
        SoapIngressLog.Refused(logger, fault.Reason, fault.Message);
        var status = SoapProtocol.HttpStatus(version, fault.Code, fault.HttpStatus);
        await SoapResponseWriter.WriteFaultAsync(context.Response, version, fault.Code, fault.Message, fault.Errors, status, ct);
    }
}
