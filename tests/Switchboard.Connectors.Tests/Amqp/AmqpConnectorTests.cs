using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using Switchboard.Configuration;
using Switchboard.Connectors.Amqp;
using Switchboard.Core.Phones;
using Switchboard.Mapping;
using Switchboard.Mapping.Responses;
using Switchboard.Mapping.Templates;

namespace Switchboard.Connectors.Tests.Amqp;

/// <summary>The AMQP connector against the real RabbitMQ that ./test.sh starts.</summary>
public sealed class AmqpConnectorTests : IAsyncLifetime
{
    private static readonly PhoneNormalizer Phones = new("DE");

    // Compared as written, without the default escaping of '+' and '"'.
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ResponseMapping OrderMapping = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            ["id"] = new() { Path = "$.id", Type = ValueKind.Integer, Required = true },
            ["status"] = new() { Path = "$.state", Map = new Dictionary<string, string> { ["N"] = "new", ["S"] = "shipped" } },
        },
    };

    private RabbitMqTestBroker? _broker;

    private RabbitMqTestBroker Broker => _broker ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _broker = await RabbitMqTestBroker.ConnectAsync();

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_publish_is_confirmed_and_arrives_with_routing_key_body_and_message_id()
    {
        var exchange = await Broker.DeclareExchangeAsync("events");
        var queue = await Broker.DeclareQueueAsync("logged");
        await Broker.Channel.QueueBindAsync(queue, exchange, "interaction.#");
        var operation = Publish(exchange, "interaction.{{ kind }}", """{"id": {{ id | json }}, "agent": {{ agent | json }}}""",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/vnd.hub+json", ["X-Source"] = "hub-{{ kind }}" });
        await using var connector = Connector();
        var trace = new OperationTrace();

        var result = await connector.InvokeAsync(operation,
            OperationArguments.From(("id", "i-1"), ("kind", "logged"), ("agent", "7"), ("idempotencyKey", "key-1")), trace, CancellationToken.None);

        result.Outcome.ShouldBe(OperationOutcome.Success);
        result.Records.ShouldBeEmpty();
        var message = (await Broker.Channel.BasicGetAsync(queue, autoAck: true)).ShouldNotBeNull();
        message.RoutingKey.ShouldBe("interaction.logged");
        Encoding.UTF8.GetString(message.Body.Span).ShouldBe("""{"id": "i-1", "agent": "7"}""");
        message.BasicProperties.MessageId.ShouldBe("key-1");
        message.BasicProperties.ContentType.ShouldBe("application/vnd.hub+json");
        message.BasicProperties.DeliveryMode.ShouldBe(DeliveryModes.Persistent);
        Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers!["X-Source"]!).ShouldBe("hub-logged");
        var exchangeTrace = trace.Exchanges.ShouldHaveSingleItem();
        exchangeTrace.Request.ShouldBe($"PUBLISH {exchange}/interaction.logged");
        exchangeTrace.RequestHeaders.ShouldContain(KeyValuePair.Create("message-id", "key-1"));
    }

    [Fact]
    public async Task A_publish_no_queue_is_bound_for_is_an_error()
    {
        var exchange = await Broker.DeclareExchangeAsync("unbound");
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() => connector.InvokeAsync(
            Publish(exchange, "nowhere.{{ id }}", "{}"), OperationArguments.From(("id", "1")), null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Status);
        error.Message.ShouldBe($"broker interaction.log: the broker could not route the message: no queue is bound to exchange '{exchange}' for routing key 'nowhere.1'");
    }

    [Fact]
    public async Task A_publish_to_an_exchange_that_does_not_exist_gives_the_brokers_reason()
    {
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() => connector.InvokeAsync(
            Publish("sb-test-missing-exchange", "x", "{}"), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Status);
        error.Reason.ShouldBe("the broker closed the channel: NOT_FOUND - no exchange 'sb-test-missing-exchange' in vhost '/'");
    }

    [Fact]
    public async Task Consume_maps_the_waiting_messages_and_acknowledges_them()
    {
        var queue = await Broker.DeclareQueueAsync("orders");
        await Broker.SendAsync(queue, """{"id": "1", "state": "N"}""", "m1");
        await Broker.SendAsync(queue, """{"id": 2, "state": "S"}""", "m2");
        await Broker.SendAsync(queue, """{"id": 3, "state": "N"}""", "m3");
        // Credentials from the auth section instead of the address.
        Environment.SetEnvironmentVariable("SB_TEST_AMQP_PASSWORD", Broker.Address.UserInfo.Split(':')[1]);
        await using var connector = Connector(basicAuth: true);

        var first = await connector.InvokeAsync(Consume(queue), OperationArguments.From(("max", 2)), null, CancellationToken.None);
        var second = await connector.InvokeAsync(Consume(queue), OperationArguments.Empty, null, CancellationToken.None);
        var third = await connector.InvokeAsync(Consume(queue), OperationArguments.Empty, null, CancellationToken.None);

        first.Records.Select(r => r.ToJsonString(Plain)).ShouldBe(["""{"id":1,"status":"new"}""", """{"id":2,"status":"shipped"}"""]);
        second.Records.Select(r => r.ToJsonString(Plain)).ShouldBe(["""{"id":3,"status":"new"}"""]);
        third.Outcome.ShouldBe(OperationOutcome.NoMatch);
        await connector.DisposeAsync();
        // Acknowledged, so closing the connection puts nothing back.
        (await Broker.ReadyAsync(queue)).ShouldBe(0u);
    }

    [Fact]
    public async Task A_message_that_does_not_map_goes_to_the_dead_letter_queue_and_the_error_names_it()
    {
        var deadLetters = await Broker.DeclareExchangeAsync("dlx", ExchangeType.Fanout);
        var deadQueue = await Broker.DeclareQueueAsync("dead");
        await Broker.Channel.QueueBindAsync(deadQueue, deadLetters, "");
        var queue = await Broker.DeclareQueueAsync("changes", new Dictionary<string, object?> { ["x-dead-letter-exchange"] = deadLetters });
        await Broker.SendAsync(queue, """{"id": 1, "state": "N"}""", "good-1");
        await Broker.SendAsync(queue, """{"id": "one", "state": "N"}""", "bad-2");
        await Broker.SendAsync(queue, """{"id": 3, "state": "S"}""", "good-3");
        await using var connector = Connector();

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Consume(queue), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Mapping);
        error.Field.ShouldBe("id");
        error.Value.ShouldBe("one");
        error.Message.ShouldContain("(message 'bad-2')");
        var dead = (await Broker.Channel.BasicGetAsync(deadQueue, autoAck: true)).ShouldNotBeNull();
        dead.BasicProperties.MessageId.ShouldBe("bad-2");
        // The message taken before the bad one went back; the next call gets both good ones.
        (await Broker.ReadyEventuallyAsync(queue, 2)).ShouldBe(2u);
        var retry = await connector.InvokeAsync(Consume(queue), OperationArguments.Empty, null, CancellationToken.None);
        retry.Records.Select(r => r["id"]!.GetValue<long>()).Order().ShouldBe([1L, 3L]);
    }

    [Fact]
    public async Task Streaming_consume_acknowledges_a_message_only_after_the_caller_moved_past_it()
    {
        var queue = await Broker.DeclareQueueAsync("stream");
        await Broker.SendAsync(queue, """{"id": 1, "state": "N"}""", "s1");
        await Broker.SendAsync(queue, """{"id": 2, "state": "S"}""", "s2");
        await using var connector = Connector();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Stopping while holding the first record acknowledges nothing.
        await foreach (var record in connector.ConsumeAsync(Consume(queue), timeout.Token))
        {
            record["id"]!.GetValue<long>().ShouldBe(1L);
            break;
        }

        (await Broker.ReadyEventuallyAsync(queue, 2)).ShouldBe(2u);

        // Moving on to the second record acknowledges the first.
        var seen = new List<long>();
        await foreach (var record in connector.ConsumeAsync(Consume(queue), timeout.Token))
        {
            seen.Add(record["id"]!.GetValue<long>());
            if (seen.Count == 2)
            {
                break;
            }
        }

        seen.ShouldBe([1L, 2L]);
        (await Broker.ReadyEventuallyAsync(queue, 1)).ShouldBe(1u);
        var left = (await Broker.Channel.BasicGetAsync(queue, autoAck: true)).ShouldNotBeNull();
        left.BasicProperties.MessageId.ShouldBe("s2");
    }

    [Fact]
    public async Task A_broker_host_outside_the_allowed_hosts_is_refused()
    {
        await using var connector = Connector(allowedHosts: ["broker.example.com"]);

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Publish("x", "y", "{}"), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Safety);
        error.Reason.ShouldBe($"the broker host '{Broker.Address.Host}' is not in allowedHosts (broker.example.com)");
    }

    [Fact]
    public async Task A_broker_on_a_private_address_is_refused_unless_private_networks_are_allowed()
    {
        await using var connector = Connector(allowPrivateNetworks: false);

        var error = await Should.ThrowAsync<ConnectorException>(() =>
            connector.InvokeAsync(Publish("x", "y", "{}"), OperationArguments.Empty, null, CancellationToken.None));

        error.Kind.ShouldBe(ConnectorFailureKind.Safety);
        error.Reason.ShouldContain("resolves to the private address");
    }

    private AmqpConnector Connector(bool basicAuth = false, IReadOnlyList<string>? allowedHosts = null, bool allowPrivateNetworks = true)
    {
        var address = basicAuth ? new UriBuilder(Broker.Address) { UserName = "", Password = "" }.Uri : Broker.Address;
        return new AmqpConnector(
            new SystemDefinition
            {
                Name = "broker",
                File = "systems/broker.yaml",
                Protocol = SystemProtocol.Amqp,
                Address = address.ToString(),
                AddressUri = address,
                AllowedHosts = allowedHosts ?? [],
                AllowPrivateNetworks = allowPrivateNetworks,
                Auth = basicAuth
                    ? new AuthSettings { Type = AuthType.Basic, Username = Broker.Address.UserInfo.Split(':')[0], Password = SecretReference.Parse("${env:SB_TEST_AMQP_PASSWORD}") }
                    : AuthSettings.None,
                Concurrency = 4,
            },
            new TemplateEngine(Phones, TimeProvider.System),
            new ResponseMapper(Phones),
            TimeProvider.System,
            NullLoggerFactory.Instance);
    }

    private static OperationDefinition Publish(string exchange, string routingKey, string body, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = OperationNames.InteractionLog,
        Method = OperationMethod.Post,
        Body = body,
        Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        Amqp = new AmqpOperationSettings { Exchange = exchange, RoutingKey = routingKey },
    };

    private static OperationDefinition Consume(string queue) => new()
    {
        Name = OperationNames.OrderListChanged,
        Amqp = new AmqpOperationSettings { Queue = queue },
        Response = OrderMapping,
    };
}
