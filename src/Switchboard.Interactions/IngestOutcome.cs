namespace Switchboard.Interactions;

public enum IngestOutcome
{
    /// <summary>New: committed now.</summary>
    Accepted,
    /// <summary>This event id was committed before; nothing changed.</summary>
    Duplicate,
}
