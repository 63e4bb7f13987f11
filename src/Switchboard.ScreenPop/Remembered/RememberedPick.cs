namespace Switchboard.ScreenPop.Remembered;

/// <summary>The customer an agent picked for a number several customers share.</summary>
public sealed record RememberedPick(string Phone, string CandidateKey, string? AgentId, string? CallId, DateTimeOffset PickedAt);
