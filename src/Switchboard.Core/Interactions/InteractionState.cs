namespace Switchboard.Core.Interactions;

/// <summary>Where a call is in its life, from the contact center's point of view.</summary>
public enum InteractionState
{
    Offered,
    Queued,
    Ringing,
    Connected,
    OnHold,
    Ended,
    WrapUp,
    Completed,
    Abandoned,
}
