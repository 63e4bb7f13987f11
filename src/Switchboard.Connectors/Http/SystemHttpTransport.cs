using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Http;

/// <summary>
/// How the REST and SOAP connectors reach one HTTP system: its own connection pool and TLS trust,
/// its credentials, the host allow-list and private-network guard, per-attempt timeouts, retries,
/// circuit breaker, rate limit and concurrency limit. One instance per system and configuration
/// version; thread-safe. Redirects are never followed: a 3xx goes back to the caller as it is.
/// </summary>
public sealed class SystemHttpTransport : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _client;
    private readonly X509Certificate2? _clientCertificate;
    private readonly ServerCertificateTrust _trust;
    private readonly OAuthTokenSource? _oauth;
    private readonly HttpAuthenticator _authenticator;
    private readonly RequestRedactor _redactor;
    private readonly HostAllowList _hosts;
    private readonly CallLimiter _limiter;
    private readonly ResiliencePipeline<HttpAnswer> _pipeline;
    private readonly string? _setupError;
    private bool _disposed;

    public SystemHttpTransport(SystemDefinition system, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        System = system;
        _time = time;
        _logger = loggers.CreateLogger<SystemHttpTransport>();

        // A bad certificate file fails every call with a clear Configuration error, rather than
        // failing the construction of every other system's connector along with it.
        X509Certificate2Collection? roots = null;
        try
        {
            roots = system.Tls.CaCertificate is { } bundle ? CertificateFiles.LoadCaBundle(bundle) : null;
            _clientCertificate = system.Auth.Type == AuthType.Mtls ? LoadClientCertificate(system.Auth) : null;
        }
        catch (InvalidOperationException ex)
        {
            _setupError = ex.Message;
        }

        _trust = new ServerCertificateTrust(system.Name, roots, system.Tls.InsecureSkipVerify, _logger);
        _client = new HttpClient(CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _oauth = system.Auth.Type == AuthType.OAuth2 && system.Auth.TokenUrl is not null
            ? new OAuthTokenSource(system, _client, _trust, time, _logger)
            : null;
        _authenticator = new HttpAuthenticator(system, _oauth);
        _redactor = new RequestRedactor(_authenticator);
        _hosts = new HostAllowList(system, _oauth?.TokenUrl);
        _limiter = new CallLimiter(system, time);
        _pipeline = HttpResilience.Build(system, time, _logger);
    }

    public SystemDefinition System { get; }

    /// <summary>
    /// Sends one logical call. <paramref name="requestFactory"/> is invoked once per attempt (a request
    /// message cannot be sent twice) and must give an absolute URI. Returns the final answer whatever its
    /// status; transient answers are retried first when <paramref name="retryable"/>. An answer is transient
    /// when <paramref name="isTransient"/> says so (given status and body), by default when its status is in
    /// <c>retry.retryOn</c>; transient answers, connection failures and timeouts count against the circuit breaker.
    /// </summary>
    /// <exception cref="ConnectorException">
    /// Transport or Timeout once no attempt is left; Safety, CircuitOpen, RateLimited, Response (too large),
    /// Authentication (token endpoint) or Configuration (unreadable secret or certificate) at once.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<HttpExchangeResult> SendAsync(
        string operation, Func<HttpRequestMessage> requestFactory, bool retryable, OperationTrace? trace, CancellationToken cancellationToken,
        Func<int, string, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(requestFactory);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_setupError is not null)
        {
            throw new ConnectorException(System.Name, operation, ConnectorFailureKind.Configuration, _setupError);
        }

        var call = new HttpCall(operation, requestFactory, retryable, retryable ? System.Retry.MaxAttempts : 1, trace)
        {
            IsTransient = isTransient ?? ((status, _) => System.Retry.RetryOn.Contains(status)),
        };
        var started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResilience.CallKey, call);
        try
        {
            var answer = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Transport.AttemptAsync(state.Call, ctx.CancellationToken), context, (Transport: this, Call: call));
            return new HttpExchangeResult(answer.Status, answer.Body, answer.ContentType, answer.Headers, call.Requests, _time.GetElapsedTime(started));
        }
        catch (HttpAttemptException ex)
        {
            throw new ConnectorException(System.Name, operation, ex.Kind, ex.Reason + call.AttemptSuffix, ex) { Attempts = call.Requests };
        }
        catch (BrokenCircuitException ex)
        {
            var resume = Math.Max(1, (int)Math.Ceiling((ex.RetryAfter ?? System.CircuitBreaker.BreakDuration).TotalSeconds));
            throw new ConnectorException(System.Name, operation, ConnectorFailureKind.CircuitOpen,
                $"the circuit is open after repeated failures; calls resume in {resume} s", ex) { Attempts = call.Requests };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _client.Dispose();
            _oauth?.Dispose();
            _limiter.Dispose();
            _clientCertificate?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>One attempt under the retry policy: the limits, then the request, and once per call a resend after a 401 with a fresh token.</summary>
    private async ValueTask<HttpAnswer> AttemptAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.Attempts++;
        using var slot = await _limiter.EnterAsync(call.Operation, call.Requests, cancellationToken);
        var answer = await SendOnceAsync(call, cancellationToken);
        if (answer is { Status: 401, BearerToken: { } rejected } && _oauth is not null && !call.TokenRefreshed)
        {
            call.TokenRefreshed = true;
            HttpTransportLog.TokenRejected(_logger, System.Name, call.Operation);
            _oauth.Invalidate(rejected);
            answer = await SendOnceAsync(call, cancellationToken);
        }

        return answer;
    }

    private async Task<HttpAnswer> SendOnceAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var number = ++call.Requests;
        using var request = call.RequestFactory() ?? throw new InvalidOperationException("The request factory returned null.");
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ConnectorException(System.Name, call.Operation, ConnectorFailureKind.Configuration,
                $"the request address '{request.RequestUri}' is not absolute") { Attempts = number };
        if (_hosts.Refusal(uri, _redactor) is { } refusal)
        {
            throw new ConnectorException(System.Name, call.Operation, ConnectorFailureKind.Safety, refusal) { Attempts = number };
        }

        var bearer = await _authenticator.ApplyAsync(request, call.Operation, cancellationToken);
        var shown = _redactor.Describe(request);
        var requestBody = call.Trace is not null && request.Content is not null
            ? OperationTrace.Shorten(await request.Content.ReadAsStringAsync(cancellationToken))
            : null;
        var headers = call.Trace is not null ? _redactor.Headers(request) : [];
        var started = _time.GetTimestamp();

        void Record(int? status, string? body, string? error) => call.Trace?.Add(new OperationExchange
        {
            Request = shown,
            RequestHeaders = headers,
            RequestBody = requestBody,
            Status = status,
            ResponseBody = OperationTrace.Shorten(body),
            Elapsed = _time.GetElapsedTime(started),
            Attempt = number,
            Error = error,
        });

        using var timeout = new CancellationTokenSource(System.Timeouts.Request, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            var body = await BoundedBody.ReadAsync(response, System.MaxResponseBytes, linked.Token);
            if (body is null)
            {
                var reason = $"the answer is larger than {System.MaxResponseBytes} bytes";
                Record(status, null, reason);
                throw new ConnectorException(System.Name, call.Operation, ConnectorFailureKind.Response, reason) { Status = status, Attempts = number };
            }

            Record(status, body, null);
            HttpTransportLog.Answered(_logger, System.Name, call.Operation, shown, status, (long)_time.GetElapsedTime(started).TotalMilliseconds, number);
            return new HttpAnswer(status, body, response.Content.Headers.ContentType?.ToString(), response.Headers, HttpResilience.RetryAfter(response.Headers, _time.GetUtcNow()), bearer);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw Failed(call, shown, number, Record, new HttpAttemptException(ConnectorFailureKind.Timeout,
                $"no answer within {HttpFailures.Seconds(System.Timeouts.Request)} s", ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var (kind, reason) = HttpFailures.Describe(ex, () => _trust.TakeRefusal(uri.IdnHost), uri, _clientCertificate is not null);
            if (kind == ConnectorFailureKind.Safety)
            {
                Record(null, null, reason);
                throw new ConnectorException(System.Name, call.Operation, kind, reason, ex) { Attempts = number };
            }

            throw Failed(call, shown, number, Record, new HttpAttemptException(kind, reason, ex));
        }
    }

    private HttpAttemptException Failed(HttpCall call, string shown, int number, Action<int?, string?, string?> record, HttpAttemptException failure)
    {
        record(null, null, failure.Reason);
        HttpTransportLog.AttemptFailed(_logger, System.Name, call.Operation, shown, number, failure.Reason);
        return failure;
    }

    private static X509Certificate2 LoadClientCertificate(AuthSettings auth)
    {
        var path = auth.Certificate ?? throw new InvalidOperationException("auth mtls names no certificate");
        string? password;
        try
        {
            password = auth.CertificatePassword?.Resolve();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"the client certificate's password cannot be read: {ex.Message}", ex);
        }

        return CertificateFiles.LoadClientCertificate(path, password);
    }

    private SocketsHttpHandler CreateHandler()
    {
        var guard = new AddressGuard(System.Name, System.AllowPrivateNetworks, _logger);
        var handler = new SocketsHttpHandler
        {
            // Redirects would leave the allow-list's reach; the caller sees the 3xx instead.
            AllowAutoRedirect = false,
            UseCookies = false,
            // A proxy would hide the address actually connected to from the private-network guard.
            UseProxy = false,
            AutomaticDecompression = global::System.Net.DecompressionMethods.All,
            ConnectCallback = guard.ConnectAsync,
            // Reconnect now and then, so DNS changes are seen (and re-checked by the guard).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = _trust.Validate;
        if (_clientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
            // Offer the certificate even when the server's list of acceptable issuers does not name its CA.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return handler;
    }
}
