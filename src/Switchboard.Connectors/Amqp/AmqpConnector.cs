using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchboard.Configuration;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Amqp;

/// <summary>
/// Calls the operations of a message broker (RabbitMQ, AMQP 0-9-1).
/// <para>
/// A publish operation (<c>amqp.exchange</c>, <c>amqp.routingKey</c>) renders the operation's body and
/// publishes it persistent and mandatory, with publisher confirms: the call returns once the broker
/// has taken responsibility for the message, and fails when no queue is bound for the routing key or
/// the broker nacks it. The message id is the <c>idempotencyKey</c> argument, when given; the content
/// type is the operation's Content-Type header (default <c>application/json</c>); its other headers
/// become message headers.
/// </para>
/// <para>
/// A consume operation (<c>amqp.queue</c>) takes up to <c>max</c> (argument, default 100) waiting
/// messages, maps each body with the response mapping, and acknowledges them once all have mapped.
/// A message that does not map is rejected without requeue, so it goes to the queue's dead-letter
/// exchange if one is configured (and is dropped otherwise); the messages taken before it are
/// requeued, and the call fails with the mapping error naming the message id.
/// <see cref="ConsumeAsync"/> streams a queue's records continuously instead.
/// </para>
/// </summary>
public sealed class AmqpConnector : IProtocolConnector
{
    /// <summary>The argument that limits how many messages one consume call takes.</summary>
    public const string MaxArgument = "max";

    /// <summary>The argument whose value becomes the published message's id.</summary>
    public const string IdempotencyKeyArgument = "idempotencyKey";

    public const int DefaultMax = 100;
    public const int MaxMax = 10_000;

    private const string DefaultContentType = "application/json";
    private const int PreviewMessages = 5;

    private readonly TemplateEngine _templates;
    private readonly ResponseMapper _mapper;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AmqpConnection _connection;

    public AmqpConnector(SystemDefinition system, TemplateEngine templates, ResponseMapper mapper, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(loggers);
        System = system;
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<AmqpConnector>();
        _connection = new AmqpConnection(system);
    }

    public SystemDefinition System { get; }

    public async Task<OperationResult> InvokeAsync(OperationDefinition operation, OperationArguments arguments, OperationTrace? trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = operation.Amqp
            ?? throw Fail(operation, ConnectorFailureKind.Configuration, "has no amqp section; declare amqp.exchange to publish or amqp.queue to consume");
        using var timeout = new CancellationTokenSource(System.Timeouts.Request, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _time.GetTimestamp();
        var exchange = new OperationExchange { Request = settings.IsPublish ? "PUBLISH" : $"GET {settings.Queue}" };
        try
        {
            return settings.IsPublish
                ? await PublishAsync(operation, settings, arguments, trace, started, linked.Token)
                : await DrainAsync(operation, settings.Queue!, arguments, trace, started, linked.Token);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken, timeout) is { } failure)
        {
            trace?.Add(exchange with { Error = failure.Reason, Elapsed = _time.GetElapsedTime(started) });
            _logger.Failed(System.Name, operation.Name, failure.Kind, failure.Reason);
            throw Fail(operation, failure.Kind, failure.Reason, ex);
        }
    }

    /// <summary>
    /// Streams the mapped records of a consume operation's queue as messages arrive, until
    /// <paramref name="cancellationToken"/> is cancelled. Each message is acknowledged once the caller
    /// has taken all its records and asked for the next one, so a caller that stops (or crashes) before
    /// that leaves it on the queue. A message that does not map is rejected without requeue (to the
    /// dead-letter exchange, if the queue has one) and ends the stream with the mapping error.
    /// </summary>
    /// <exception cref="ConnectorException">The queue cannot be consumed, or a message does not map.</exception>
    public async IAsyncEnumerable<JsonObject> ConsumeAsync(OperationDefinition operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var queue = operation.Amqp is { IsPublish: false, Queue: { } name }
            ? name
            : throw Fail(operation, ConnectorFailureKind.Configuration, "is not a consume operation: set amqp.queue");
        await using var subscription = await Guard(operation, cancellationToken,
            ct => AmqpSubscription.StartAsync(_connection, queue, System.Concurrency, ct));
        _logger.Consuming(System.Name, operation.Name, queue);
        while (await Guard(operation, cancellationToken, subscription.NextAsync) is { } message)
        {
            var records = await MapOrRejectAsync(subscription.Channel, operation, queue, message);
            foreach (var record in records)
            {
                yield return record;
            }

            // The caller has moved past this message's records: only now is it done.
            await Guard(operation, cancellationToken, ct => subscription.Channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct).AsTask());
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task<OperationResult> PublishAsync(OperationDefinition operation, AmqpOperationSettings settings, OperationArguments arguments,
        OperationTrace? trace, long started, CancellationToken cancellationToken)
    {
        var body = operation.Body is null ? "" : Render(operation, "body", operation.Body, arguments);
        var routingKey = settings.RoutingKey is null ? "" : Render(operation, "amqp.routingKey", settings.RoutingKey, arguments);
        var exchangeName = settings.Exchange ?? "";
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = DefaultContentType,
            MessageId = arguments.Text(IdempotencyKeyArgument),
            Timestamp = new AmqpTimestamp(_time.GetUtcNow().ToUnixTimeSeconds()),
            AppId = "switchboard",
        };
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, template) in operation.Headers)
        {
            var value = Render(operation, $"headers.{name}", template, arguments);
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                properties.ContentType = value;
            }
            else
            {
                headers[name] = value;
            }
        }

        properties.Headers = headers.Count == 0 ? null : headers;
        // Taken now: with confirmation tracking the client adds its own sequence-number header to these.
        List<KeyValuePair<string, string>> traceHeaders =
        [
            KeyValuePair.Create("content-type", properties.ContentType ?? ""),
            .. properties.MessageId is { } id ? [KeyValuePair.Create("message-id", id)] : Array.Empty<KeyValuePair<string, string>>(),
            .. headers.Select(h => KeyValuePair.Create(h.Key, (string)h.Value!)),
        ];
        var connection = await _connection.GetAsync(cancellationToken);
        await using (var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken))
        {
            try
            {
                // With confirmation tracking the call completes when the broker confirms, and throws on a return or a nack.
                await channel.BasicPublishAsync(exchangeName, routingKey, mandatory: true, properties, Encoding.UTF8.GetBytes(body), cancellationToken);
            }
            catch (PublishException ex)
            {
                throw new AmqpConnectException(ConnectorFailureKind.Status, ex.IsReturn
                    ? $"the broker could not route the message: no queue is bound to exchange '{Display(exchangeName)}' for routing key '{routingKey}'"
                    : $"the broker refused the message (nack) on exchange '{Display(exchangeName)}' with routing key '{routingKey}'", ex);
            }
        }

        var elapsed = _time.GetElapsedTime(started);
        trace?.Add(new OperationExchange
        {
            Request = $"PUBLISH {Display(exchangeName)}/{routingKey}",
            RequestHeaders = traceHeaders,
            RequestBody = OperationTrace.Shorten(body),
            ResponseBody = "confirmed",
            Elapsed = elapsed,
        });
        _logger.Published(System.Name, operation.Name, exchangeName, routingKey, elapsed.TotalMilliseconds);
        return new OperationResult { Outcome = OperationOutcome.Success };
    }

    private async Task<OperationResult> DrainAsync(OperationDefinition operation, string queue, OperationArguments arguments,
        OperationTrace? trace, long started, CancellationToken cancellationToken)
    {
        var max = Max(operation, arguments);
        var connection = await _connection.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var records = new List<JsonObject>();
        var preview = new StringBuilder();
        var taken = 0;
        ulong lastMapped = 0;
        while (taken < max && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } got)
        {
            taken++;
            var message = new AmqpMessage(got.DeliveryTag, Encoding.UTF8.GetString(got.Body.Span),
                got.BasicProperties.MessageId, got.BasicProperties.ContentType);
            if (taken <= PreviewMessages)
            {
                preview.AppendLine(message.Body);
            }

            try
            {
                records.AddRange(await MapOrRejectAsync(channel, operation, queue, message));
            }
            catch (ConnectorException ex)
            {
                if (lastMapped > 0)
                {
                    // The caller gets none of this call's records, so those taken before go back.
                    await channel.BasicNackAsync(lastMapped, multiple: true, requeue: true, CancellationToken.None);
                }

                trace?.Add(new OperationExchange
                {
                    Request = $"GET {queue}",
                    ResponseBody = OperationTrace.Shorten(message.Body),
                    Error = ex.Reason,
                    Elapsed = _time.GetElapsedTime(started),
                });
                throw;
            }

            lastMapped = got.DeliveryTag;
        }

        if (lastMapped > 0)
        {
            await channel.BasicAckAsync(lastMapped, multiple: true, cancellationToken);
        }

        trace?.Add(new OperationExchange
        {
            Request = $"GET {queue}",
            ResponseBody = OperationTrace.Shorten(preview.Append(CultureInfo.InvariantCulture,
                $"({taken} messages{(taken > PreviewMessages ? $", first {PreviewMessages} shown" : "")})").ToString()),
            Elapsed = _time.GetElapsedTime(started),
        });
        _logger.Drained(System.Name, operation.Name, taken, queue);
        return OperationResult.Success(records);
    }

    private async Task<IReadOnlyList<JsonObject>> MapOrRejectAsync(IChannel channel, OperationDefinition operation, string queue, AmqpMessage message)
    {
        try
        {
            return Map(operation, message);
        }
        catch (ConnectorException ex)
        {
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: false, CancellationToken.None);
            _logger.Rejected(System.Name, operation.Name, message.Label, queue, ex.Message);
            throw;
        }
    }

    private IReadOnlyList<JsonObject> Map(OperationDefinition operation, AmqpMessage message)
    {
        if (operation.Response is not { } mapping)
        {
            // Without a mapping the body is the record, so it must be a JSON object.
            try
            {
                if (JsonNode.Parse(message.Body) is JsonObject record)
                {
                    return [record];
                }
            }
            catch (JsonException)
            {
                // Reported below.
            }

            throw Fail(operation, ConnectorFailureKind.Response, $"{message.Label} is not a JSON object, and the operation has no response mapping");
        }

        ResponseDocument document;
        try
        {
            document = ResponseDocument.Parse(message.Body, mapping.Format, message.ContentType);
        }
        catch (ResponseFormatException ex)
        {
            throw Fail(operation, ConnectorFailureKind.Response, $"the body of {message.Label} {ex.Reason}", ex);
        }

        try
        {
            return _mapper.Map(mapping, document);
        }
        catch (MappingException ex)
        {
            throw new ConnectorException(System.Name, operation.Name, ex.Field, ex.Value, $"{ex.Reason} ({message.Label})", ex);
        }
    }

    private int Max(OperationDefinition operation, OperationArguments arguments)
    {
        var text = arguments.Text(MaxArgument);
        if (text is null)
        {
            return DefaultMax;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= MaxMax
            ? max
            : throw Fail(operation, ConnectorFailureKind.Configuration, $"the argument '{MaxArgument}' is '{text}'; it must be a whole number from 1 to {MaxMax}");
    }

    private string Render(OperationDefinition operation, string field, string template, OperationArguments arguments)
    {
        try
        {
            return _templates.Compile(template).Render(arguments);
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateRenderException)
        {
            throw Fail(operation, ConnectorFailureKind.Configuration, $"the {field} template failed: {ex.Message}", ex);
        }
    }

    /// <summary>Runs one step of the consumer stream, turning broker failures into <see cref="ConnectorException"/>.</summary>
    private async Task<T> Guard<T>(OperationDefinition operation, CancellationToken cancellationToken, Func<CancellationToken, Task<T>> step)
    {
        try
        {
            return await step(cancellationToken);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken, timeout: null) is { } failure)
        {
            _logger.Failed(System.Name, operation.Name, failure.Kind, failure.Reason);
            throw Fail(operation, failure.Kind, failure.Reason, ex);
        }
    }

    private async Task Guard(OperationDefinition operation, CancellationToken cancellationToken, Func<CancellationToken, Task> step) =>
        await Guard(operation, cancellationToken, async ct =>
        {
            await step(ct);
            return true;
        });

    private static AmqpFailure? Classify(Exception ex, CancellationToken cancellationToken, CancellationTokenSource? timeout)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return ex switch
        {
            ConnectorException => null,
            AmqpConnectException connect => new AmqpFailure(connect.Kind, connect.Message),
            OperationCanceledException or TimeoutException when timeout?.IsCancellationRequested == true =>
                new AmqpFailure(ConnectorFailureKind.Timeout, "no answer from the broker within the request timeout"),
            // The broker closes a channel for what the call asked (404 no such exchange/queue, 403, 406):
            // that is its answer; anything else means the connection went away.
            OperationInterruptedException { ShutdownReason: { Initiator: ShutdownInitiator.Peer, ReplyCode: 403 or 404 or 405 or 406 } reason } =>
                new AmqpFailure(reason.ReplyCode == 403 ? ConnectorFailureKind.Authentication : ConnectorFailureKind.Status,
                    $"the broker closed the channel: {reason.ReplyText}"),
            OperationInterruptedException interrupted => new AmqpFailure(ConnectorFailureKind.Transport,
                $"the connection to the broker is closed: {interrupted.ShutdownReason?.ReplyText ?? interrupted.Message}"),
            IOException or SocketException or RabbitMQClientException =>
                new AmqpFailure(ConnectorFailureKind.Transport, ex.Message),
            _ => null,
        };
    }

    private static string Display(string exchange) => exchange.Length == 0 ? "(default)" : exchange;

    private ConnectorException Fail(OperationDefinition operation, ConnectorFailureKind kind, string reason, Exception? inner = null) =>
        new(System.Name, operation.Name, kind, reason, inner);

    private sealed record AmqpFailure(ConnectorFailureKind Kind, string Reason);
}
