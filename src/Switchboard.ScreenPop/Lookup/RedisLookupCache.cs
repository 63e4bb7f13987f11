using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Switchboard.Connectors;

namespace Switchboard.ScreenPop.Lookup;

/// <summary>
/// Systems' recent answers in Redis, shared by every hub process with the same server and prefix: an answer one
/// process fetched serves the pops of all, and a customer change reported to any process drops the answers that
/// mention them in all of them (and stops each from reusing a pop begun before it).
/// </summary>
/// <remarks>
/// An answer is a string <c>{prefix}:pop:v:{key}</c> (JSON, expiring after the lifetime); each tag is a sorted set
/// <c>{prefix}:pop:t:{tag}</c> of the live answers carrying it (by expiry), expiring with its youngest answer. Keeping an answer and
/// dropping a tag's answers are each one Lua script, so they run whole on the server. Changes are announced on the
/// channel <c>{prefix}:pop:changed</c>. Redis is a cache here, never a dependency: an answer it cannot give within
/// <see cref="OperationTimeout"/> (or while it is unreachable) is a miss (the system is asked), one it cannot keep is let go, and the hub starts
/// while it is down (the connection keeps trying).
/// </remarks>
internal sealed partial class RedisLookupCache : ILookupCache, IAsyncDisposable
{
    /// <summary>The longest a pop waits for Redis before asking the system instead.</summary>
    internal static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan InvalidateTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);
    private const string AllTag = "all";

    // KEYS[1] the answer, KEYS[2..] its tags' sets; ARGV[1] the answer, ARGV[2] the lifetime in milliseconds. A tag's set
    // is sorted by when each answer expires (the server's clock), and loses its expired members whenever one is added:
    // a broad tag (a system, "all") holds the live answers only, not every answer ever kept.
    private const string PutScript = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local lifetime = tonumber(ARGV[2])
        redis.call('SET', KEYS[1], ARGV[1], 'PX', lifetime)
        for i = 2, #KEYS do
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
          redis.call('ZADD', KEYS[i], now + lifetime, KEYS[1])
          redis.call('PEXPIRE', KEYS[i], lifetime)
        end
        return 1
        """;

    // KEYS: tags' sets. Drops every answer in them, then the sets; returns how many answers went.
    private const string InvalidateScript = """
        local dropped = 0
        for i = 1, #KEYS do
          for _, key in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
            dropped = dropped + redis.call('DEL', key)
          end
          redis.call('DEL', KEYS[i])
        end
        return dropped
        """;

    private readonly string _prefix;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisChannel _changes;
    private readonly Task<ConnectionMultiplexer> _connection;
    private long _lastWarning = long.MinValue;
    private int _subscribing;
    private volatile bool _subscribed;

    public RedisLookupCache(string connectionString, string prefix, TimeSpan lifetime, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _prefix = prefix;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        _changes = RedisChannel.Literal(prefix + ":pop:changed");
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even when Redis is down; the multiplexer keeps reconnecting (and subscribing again) in the background.
        options.AbortOnConnectFail = false;
        // While disconnected a command fails at once (a miss) instead of queueing until Redis is back.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = ConnectAsync(options);
    }

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>Completes once the first attempt to connect (and subscribe) ended, connected or not.</summary>
    internal Task Connection => _connection;

    public event Action? Changed;

    public async ValueTask<OperationResult?> GetAsync(string key, CancellationToken ct)
    {
        if (!Enabled)
        {
            return null;
        }

        // Still connecting (the hub just started): a miss, not a wait.
        if (!_connection.IsCompletedSuccessfully)
        {
            return null;
        }

        try
        {
            var value = await _connection.Result.GetDatabase().StringGetAsync(AnswerKey(key)).WaitAsync(OperationTimeout, ct);
            return value.IsNull ? null : Read(value!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            Warn(ex);
            return null;
        }
    }

    public async ValueTask PutAsync(string key, OperationResult result, IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        if (!Enabled || !_connection.IsCompletedSuccessfully)
        {
            return;
        }

        var keys = new RedisKey[tags.Count + 2];
        keys[0] = AnswerKey(key);
        keys[1] = TagKey(AllTag);
        var i = 2;
        foreach (var tag in tags)
        {
            keys[i++] = TagKey(tag);
        }

        try
        {
            // Waited for (a fraction of a millisecond on a near server): once a pop shows an answer, every process can
            // read it, and an invalidation sent after cannot overtake it.
            await _connection.Result.GetDatabase()
                .ScriptEvaluateAsync(PutScript, keys, [Write(result), (long)_lifetime.TotalMilliseconds])
                .WaitAsync(OperationTimeout, ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Warn(ex);
        }
    }

    public async ValueTask<int> InvalidateAsync(IReadOnlyCollection<string> tags, CancellationToken ct)
    {
        IReadOnlyCollection<string> dropping = tags.Count == 0 ? [AllTag] : tags;
        var keys = dropping.Select(TagKey).ToArray();
        try
        {
            var connection = await _connection.WaitAsync(InvalidateTimeout, ct);
            var database = connection.GetDatabase();
            var dropped = (int)await database.ScriptEvaluateAsync(InvalidateScript, keys).WaitAsync(InvalidateTimeout, ct);
            await connection.GetSubscriber().PublishAsync(_changes, dropped).WaitAsync(InvalidateTimeout, ct);
            return dropped;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The change itself is stored; pops may show the answers it outdated until they expire.
            LogInvalidateFailed(_logger, string.Join(' ', tags), _lifetime.TotalSeconds, ex);
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await (await _connection).DisposeAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        // Once subscribed, the multiplexer subscribes again by itself after a reconnect; until then, each reconnect tries.
        connection.ConnectionRestored += (_, _) => _ = SubscribeAsync(connection);
        await SubscribeAsync(connection);
        return connection;
    }

    private async Task SubscribeAsync(ConnectionMultiplexer connection)
    {
        if (Interlocked.CompareExchange(ref _subscribing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await connection.GetSubscriber().SubscribeAsync(_changes, (_, _) => Changed?.Invoke());
            _subscribed = true;
        }
        catch (RedisException ex)
        {
            Warn(ex);
        }
        finally
        {
            if (!_subscribed)
            {
                Volatile.Write(ref _subscribing, 0);
            }
        }
    }

    private RedisKey AnswerKey(string key) => _prefix + ":pop:v:" + key;

    private RedisKey TagKey(string tag) => _prefix + ":pop:t:" + tag;

    private static byte[] Write(OperationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", result.Outcome.ToString());
            if (result.HighWaterMark is { } mark)
            {
                writer.WriteString("highWaterMark", mark);
            }

            if (result.Reason is { } reason)
            {
                writer.WriteString("reason", reason);
            }

            writer.WriteStartArray("records");
            foreach (var record in result.Records)
            {
                record.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static OperationResult Read(byte[] json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("a cached answer is JSON null");
        var array = root["records"]?.AsArray() ?? throw new JsonException("a cached answer has no records");
        var records = array.Select(r => r?.AsObject() ?? throw new JsonException("a cached answer holds a null record")).ToList();
        // Detached from the array, so the pop may put them where it likes, as it may with a fresh answer.
        array.Clear();
        return new OperationResult
        {
            Outcome = Enum.Parse<OperationOutcome>(root["outcome"]?.GetValue<string>() ?? throw new JsonException("a cached answer has no outcome")),
            Records = records,
            HighWaterMark = root["highWaterMark"]?.GetValue<string>(),
            Reason = root["reason"]?.GetValue<string>(),
        };
    }

    /// <summary>At most one warning every <see cref="WarnEvery"/>: a Redis outage under load is one problem, not thousands.</summary>
    private void Warn(Exception ex)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= WarnEvery) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogUnavailable(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 6520, Level = LogLevel.Warning, Message = "Screen pop cache: Redis did not answer, so lookups go to the systems until it does: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 6521, Level = LogLevel.Error, Message = "Screen pop cache: could not drop the answers tagged {Tags} in Redis; pops may show them until they expire (at most {LifetimeSeconds} s)")]
    private static partial void LogInvalidateFailed(ILogger logger, string tags, double lifetimeSeconds, Exception exception);
}
