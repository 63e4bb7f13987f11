using System.Net.Http.Headers;

namespace Switchboard.Connectors.Http;

/// <summary>One HTTP answer, read in full, with the Retry-After it asked for and the bearer token the request carried.</summary>
internal sealed record HttpAnswer(int Status, string Body, string? ContentType, HttpResponseHeaders Headers, TimeSpan? RetryAfter, string? BearerToken);
