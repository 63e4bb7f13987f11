namespace Switchboard.Delivery.DeadLetters;

/// <summary>One line of the audit trail: <see cref="Actor"/> replayed or discarded the dead letter <see cref="MessageId"/>.</summary>
/// <param name="Actor">Who: <c>api-key:NAME (ID)</c> for the API, <c>cli:USER</c> for the command line.</param>
/// <param name="Action"><c>replay</c>, <c>discard</c>, or <c>resend</c> (reconciliation).</param>
/// <param name="Detail">The reason the message had been dead-lettered, or why reconciliation sent it again.</param>
public sealed record DeliveryAction(DateTimeOffset At, string Actor, string Action, string MessageId, string Target, string? Detail)
{
    public const string Replay = "replay";

    /// <summary>Reconciliation sent a message again that the target did not have.</summary>
    public const string Resend = "resend";
    public const string Discard = "discard";
}
