using Microsoft.AspNetCore.Http;
using Switchboard.ScreenPop;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// Whether a call is the signed-in agent's to act on: it was offered to them (its pop went to them) or they handled it
/// (their id is on its interaction). An agent may not wrap up, create a customer for, see or pick the pop of someone else's call.
/// </summary>
internal static class CallOwnership
{
    /// <summary>Null when the call is the agent's; otherwise the 403 problem saying why, and that nothing changed.</summary>
    public static async Task<IResult?> RefuseUnlessOwnAsync(
        string callId, string agentId, string action, ScreenPopEngine pops, InteractionStore interactions, CancellationToken cancellationToken)
    {
        if (await WhyNotOwnAsync(callId, agentId, pops, interactions, cancellationToken).ConfigureAwait(false) is not { } why)
        {
            return null;
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The call is not this agent's",
            detail: $"{why}; only its own agent may {action}. Nothing was changed.",
            extensions: new Dictionary<string, object?> { ["callId"] = callId, ["agentId"] = agentId });
    }

    /// <summary>Null when the call is the agent's; otherwise why not.</summary>
    public static async Task<string?> WhyNotOwnAsync(
        string callId, string agentId, ScreenPopEngine pops, InteractionStore interactions, CancellationToken cancellationToken)
    {
        // The pop is in memory and names the agent the call rang for: no query for the common case.
        if (string.Equals(pops.Latest(callId)?.AgentId, agentId, StringComparison.Ordinal))
        {
            return null;
        }

        var interaction = await interactions.FindByCallIdAsync(callId, cancellationToken).ConfigureAwait(false);
        if (interaction is not null && interaction.AgentIds.Contains(agentId, StringComparer.Ordinal))
        {
            return null;
        }

        return interaction is null
            ? $"The hub knows no call '{callId}' offered to or handled by agent '{agentId}'"
            : $"Call '{callId}' was not offered to or handled by agent '{agentId}'";
    }
}
