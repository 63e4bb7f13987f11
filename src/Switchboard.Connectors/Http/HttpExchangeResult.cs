using System.Net.Http.Headers;

namespace Switchboard.Connectors.Http;

/// <summary>
/// The final HTTP answer of one logical call, whatever its status (the caller decides what a status
/// means). <see cref="Attempts"/> counts every request sent, retries and the retry after a token
/// refresh included; <see cref="Elapsed"/> spans them all, waits included.
/// </summary>
public sealed record HttpExchangeResult(int Status, string Body, string? ContentType, HttpResponseHeaders Headers, int Attempts, TimeSpan Elapsed);
