using System.Text;

namespace Switchboard.Configuration;

/// <summary>The cohort a flow in pilot mode applies to: a call qualifies when its agent or queue is listed, or it falls in the percentage.</summary>
public sealed record PilotSettings
{
    public IReadOnlyList<string> Agents { get; init; } = [];

    public IReadOnlyList<string> Queues { get; init; } = [];

    /// <summary>0 .. 100 percent of the other calls.</summary>
    public int Percent { get; init; }

    public bool IsEmpty => Agents.Count == 0 && Queues.Count == 0 && Percent == 0;

    /// <summary>Whether the call is in the cohort: one of its agents or its queue is listed, or its id falls in the percentage.</summary>
    public bool Includes(IEnumerable<string> agentIds, string? queue, string callId) =>
        agentIds.Any(a => Agents.Contains(a, StringComparer.Ordinal))
        || (queue is not null && Queues.Contains(queue, StringComparer.Ordinal))
        || Bucket(callId) < Percent;

    /// <summary>0..99, the same for a call id in every hub process (string.GetHashCode is randomized per process).</summary>
    public static int Bucket(string callId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(callId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % 100);
    }
}
