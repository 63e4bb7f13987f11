namespace Switchboard.Configuration;

/// <summary>
/// For a create that answers with a bare id: after it succeeds, <see cref="Operation"/> is called with the
/// create's arguments plus its mapped fields (so <c>{{ externalId }}</c> is the new id), and its result is the result.
/// </summary>
public sealed record ReadBackSettings
{
    /// <summary>Another operation of the same system, e.g. <c>customer.get</c>.</summary>
    public required string Operation { get; init; }
}
