namespace Switchboard.Core.Interactions;

public enum CallDirection
{
    Inbound,
    Outbound,
    Internal,
}
