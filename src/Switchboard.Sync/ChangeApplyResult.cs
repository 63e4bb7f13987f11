namespace Switchboard.Sync;

/// <summary>What one batch of inbound changes did to the hub's records.</summary>
public sealed record ChangeApplyResult
{
    public static readonly ChangeApplyResult Empty = new();

    /// <summary>Changes newer than the hub's copy: the record was updated.</summary>
    public int Applied { get; init; }

    /// <summary>Records the hub did not know, created for a customer it knows through the system's customer id.</summary>
    public int Created { get; init; }

    /// <summary>Changes not newer than the hub's copy (a resend, a re-read after a crash, or an older change): ignored.</summary>
    public int Duplicates { get; init; }

    /// <summary>Records the hub does not know, for a customer it does not know either: not created.</summary>
    public int Skipped { get; init; }

    /// <summary>Records that did not read as a change (no externalId, an unknown status, a bad timestamp): ignored and logged.</summary>
    public int Invalid { get; init; }

    /// <summary>The changes applied or created, as published to the agents, in the order they were applied.</summary>
    public IReadOnlyList<RecordChange> Changes { get; init; } = [];
}
