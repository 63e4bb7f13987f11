using Switchboard.Configuration;

namespace Switchboard.Connectors.Rest;

/// <summary>What an HTTP status means for an operation: its <c>statuses</c> first, then the defaults.</summary>
internal static class StatusOutcomes
{
    public static StatusOutcome For(OperationDefinition operation, SystemDefinition system, int status)
    {
        if (operation.Statuses.TryGetValue(status, out var configured))
        {
            return configured;
        }

        return status switch
        {
            >= 200 and < 300 => StatusOutcome.Success,
            409 or 412 => StatusOutcome.Conflict,
            _ when system.Retry.RetryOn.Contains(status) => StatusOutcome.Retry,
            _ => StatusOutcome.Fail,
        };
    }
}
