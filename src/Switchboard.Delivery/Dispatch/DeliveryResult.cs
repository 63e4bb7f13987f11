using Switchboard.Connectors;

namespace Switchboard.Delivery.Dispatch;

/// <summary>How a message ended: delivered (with what the target answered), or kept as a dead letter (with why).</summary>
/// <param name="Reason">Dead letters: why the policy gave up, e.g. <c>gave up after 10 attempts: …</c>.</param>
/// <param name="LastError">Dead letters: the last attempt's error, naming system and operation.</param>
/// <param name="FailureKind">Dead letters: the last attempt's failure kind (Status, Transport, Conflict, …).</param>
public sealed record DeliveryResult(string MessageId, bool Delivered, OperationResult? Answer, string? Reason, string? LastError, string? FailureKind)
{
    public static DeliveryResult Success(string id, OperationResult? answer) => new(id, true, answer, null, null, null);

    public static DeliveryResult DeadLetter(string id, string reason, string lastError, string kind) => new(id, false, null, reason, lastError, kind);
}
