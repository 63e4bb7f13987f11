using System.Text.Json.Nodes;
using Switchboard.Configuration;
using Switchboard.Connectors.Http;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Rest;

/// <summary>
/// Calls operations of an HTTP system (REST or SOAP): renders the request, sends it through the
/// system's transport (auth, safety, retries, breaker, limits), reads the status as the operation
/// says, maps the answer, follows pages and reads created records back.
/// </summary>
public abstract class HttpOperationConnector : IProtocolConnector
{
    private readonly SystemHttpTransport _transport;
    private readonly ResponseMapper _mapper;
    private readonly RequestRenderer _renderer;

    protected HttpOperationConnector(SystemDefinition system, SystemHttpTransport transport, TemplateEngine templates, ResponseMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        _transport = transport;
        _mapper = mapper;
        _renderer = new RequestRenderer(system, templates);
    }

    public SystemDefinition System { get; }

    /// <summary>The content type of a body whose operation declares none.</summary>
    protected abstract string DefaultContentType { get; }

    /// <summary>The format of an answer whose mapping says auto.</summary>
    protected abstract ResponseFormat DefaultFormat { get; }

    public async Task<OperationResult> InvokeAsync(OperationDefinition operation, OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(arguments);
        var request = Prepare(operation, _renderer.Render(operation, arguments, DefaultContentType));
        var result = operation.Paging is null
            ? (await SendAsync(operation, request, trace, cancellationToken).ConfigureAwait(false)).Result
            : await new Pager(this, operation, trace).ReadAllAsync(request, cancellationToken).ConfigureAwait(false);

        if (operation.ReadBack is { } readBack && result.Outcome == OperationOutcome.Success)
        {
            result = await ReadBackAsync(operation, readBack, arguments, result, trace, cancellationToken).ConfigureAwait(false);
        }

        return WithHighWaterMark(result);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _transport.DisposeAsync();
    }

    /// <summary>Adds what the protocol needs around the rendered request (a SOAP envelope and action).</summary>
    private protected virtual RenderedRequest Prepare(OperationDefinition operation, RenderedRequest request) => request;

    /// <summary>Throws when a successful-looking answer is really an error (a SOAP fault).</summary>
    protected virtual void ThrowIfFault(OperationDefinition operation, HttpExchangeResult answer, ResponseDocument? document)
    {
    }

    /// <summary>Whether an answer is worth retrying: its status means retry for this operation (<c>statuses</c>, then <c>retry.retryOn</c>).</summary>
    protected virtual bool IsTransient(OperationDefinition operation, int status, string body) =>
        StatusOutcomes.For(operation, System, status) == StatusOutcome.Retry;

    /// <summary>The reason an error answer gives, in the protocol's terms.</summary>
    protected virtual string? FailureReason(OperationDefinition operation, HttpExchangeResult answer) =>
        ErrorReasons.Find(operation, answer.Body, answer.ContentType);

    /// <summary>One request (with the transport's retries) and its interpretation.</summary>
    internal async Task<PageResult> SendAsync(OperationDefinition operation, RenderedRequest request, OperationTrace? trace, CancellationToken cancellationToken)
    {
        var retryable = operation.IsRead || operation.IdempotencyKey is not null
            || operation.Method is OperationMethod.Put or OperationMethod.Delete;
        var answer = await _transport.SendAsync(operation.Name, request.ToMessage, retryable, trace, cancellationToken,
            (status, body) => IsTransient(operation, status, body)).ConfigureAwait(false);
        return Interpret(operation, answer);
    }

    private PageResult Interpret(OperationDefinition operation, HttpExchangeResult answer)
    {
        var outcome = StatusOutcomes.For(operation, System, answer.Status);
        switch (outcome)
        {
            case StatusOutcome.NoMatch:
                return new PageResult(OperationResult.NoMatch, null);
            case StatusOutcome.Conflict:
                return new PageResult(new OperationResult
                {
                    Outcome = OperationOutcome.Conflict,
                    Reason = ErrorReasons.Find(operation, answer.Body, answer.ContentType) ?? $"answered {Describe(answer.Status)}",
                }, null);
            case StatusOutcome.Retry or StatusOutcome.Fail:
                throw Failure(operation, answer);
        }

        var document = Parse(operation, answer);
        ThrowIfFault(operation, answer, document);
        if (document is null || operation.Response is null)
        {
            return new PageResult(new OperationResult { Outcome = OperationOutcome.Success }, document);
        }

        try
        {
            var records = _mapper.Map(operation.Response, document);
            return new PageResult(operation.Response.Items is null && records.Count > 0
                ? new OperationResult { Outcome = OperationOutcome.Success, Records = records }
                : OperationResult.Success(records), document);
        }
        catch (MappingException ex)
        {
            throw new ConnectorException(System.Name, operation.Name, ex.Field, ex.Value, ex.Reason, ex) { Status = answer.Status };
        }
    }

    private ResponseDocument? Parse(OperationDefinition operation, HttpExchangeResult answer)
    {
        if (string.IsNullOrWhiteSpace(answer.Body))
        {
            return null;
        }

        var format = operation.Response?.Format is { } declared and not ResponseFormat.Auto ? declared : DefaultFormat;
        try
        {
            return ResponseDocument.Parse(answer.Body, format == ResponseFormat.Auto ? ResponseFormat.Auto : format, answer.ContentType);
        }
        catch (ResponseFormatException ex)
        {
            throw new ConnectorException(System.Name, operation.Name, ConnectorFailureKind.Response,
                $"answered {Describe(answer.Status)} but the body {ex.Message}", ex) { Status = answer.Status, Attempts = answer.Attempts };
        }
    }

    private ConnectorException Failure(OperationDefinition operation, HttpExchangeResult answer)
    {
        var reason = FailureReason(operation, answer);
        var said = reason is null ? string.Empty : $": {reason}";
        var attempts = answer.Attempts > 1 ? $" after {answer.Attempts} attempts" : string.Empty;
        if (answer.Status is >= 300 and < 400)
        {
            var location = answer.Headers.Location?.ToString() ?? "(no Location)";
            return new ConnectorException(System.Name, operation.Name, ConnectorFailureKind.Status,
                $"answered {Describe(answer.Status)} redirecting to {location}; redirects are not followed, so point the address or path at the final location")
            { Status = answer.Status, Attempts = answer.Attempts };
        }

        var kind = answer.Status is 401 or 403 ? ConnectorFailureKind.Authentication : ConnectorFailureKind.Status;
        return new ConnectorException(System.Name, operation.Name, kind, $"answered {Describe(answer.Status)}{attempts}{said}")
        { Status = answer.Status, Attempts = answer.Attempts };
    }

    private async Task<OperationResult> ReadBackAsync(OperationDefinition operation, ReadBackSettings readBack, OperationArguments arguments,
        OperationResult created, OperationTrace? trace, CancellationToken cancellationToken)
    {
        if (!System.Operations.TryGetValue(readBack.Operation, out var read))
        {
            throw new ConnectorException(System.Name, operation.Name, ConnectorFailureKind.Configuration,
                $"readBack names '{readBack.Operation}', which {System.Name} does not define");
        }

        var next = created.Records.Count > 0 ? arguments.WithAll(created.Records[0]) : arguments;
        var result = await InvokeAsync(read, next, trace, cancellationToken).ConfigureAwait(false);
        return result.Outcome == OperationOutcome.NoMatch
            ? throw new ConnectorException(System.Name, operation.Name, ConnectorFailureKind.Status,
                $"the created record could not be read back: {readBack.Operation} found nothing")
            : result;
    }

    private static OperationResult WithHighWaterMark(OperationResult result)
    {
        // A changed-since list hands back the latest change it saw, so the next poll starts there.
        var latest = result.Records
            .Select(record => record["updatedAt"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null)
            .Where(text => text is not null)
            .Max(StringComparer.Ordinal);
        return latest is null ? result : result with { HighWaterMark = latest };
    }

    internal static string Describe(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? $"{status} {phrase}"
            : status.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
}
