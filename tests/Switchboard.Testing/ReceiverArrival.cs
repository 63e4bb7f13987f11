namespace Switchboard.Testing;

/// <summary>One write a <see cref="CountingReceiver"/> accepted (answered 201).</summary>
/// <param name="Path">The request path, <c>/activities</c> or <c>/tasks</c>.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header.</param>
/// <param name="CallId">The body's <c>callId</c> (a string, or a number's text); null when the body has none.</param>
/// <param name="Id">The id answered; a repeated key gets the id of its first write.</param>
/// <param name="Duplicate">True when the key had been accepted before.</param>
/// <param name="Timestamp">The receiver's <see cref="TimeProvider.GetTimestamp"/> when the request reached its handler
/// (with the system clock, comparable with <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> in the same process).</param>
/// <param name="ReceivedAt">The receiver's <see cref="TimeProvider.GetUtcNow"/> at the same moment.</param>
/// <param name="Sender">What <see cref="CountingReceiver.IdentifySender"/> said of the connection the write came on
/// (null without one, or when it could not tell).</param>
public sealed record ReceiverArrival(string Path, string IdempotencyKey, string? CallId, string Id, bool Duplicate, long Timestamp, DateTimeOffset ReceivedAt, string? Sender = null);
