namespace Switchboard.ScreenPop.Lookup;

/// <summary>The call being popped, its customer's number already normalized.</summary>
internal sealed record PopCall(
    string CallId,
    string? AgentId,
    string? E164,
    string? Raw,
    bool Withheld,
    IReadOnlyDictionary<string, string> Attributes,
    string? Queue = null,
    string Direction = "inbound");
