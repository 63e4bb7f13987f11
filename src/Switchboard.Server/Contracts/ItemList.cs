namespace Switchboard.Server.Contracts;

/// <summary>A list answer; <see cref="Next"/> is the cursor for the next page when there may be one.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items, string? Next = null);
