namespace Switchboard.Connectors;

/// <summary>How an operation call ended when it did not fail (failures are <see cref="ConnectorException"/>).</summary>
public enum OperationOutcome
{
    /// <summary>The system answered and the answer mapped.</summary>
    Success,

    /// <summary>The system said it found nothing (by a status configured as noMatch, or an empty list).</summary>
    NoMatch,

    /// <summary>The system refused a write as conflicting (a status configured as conflict, e.g. 409 or 412).</summary>
    Conflict,
}
