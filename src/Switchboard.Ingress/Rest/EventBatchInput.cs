namespace Switchboard.Ingress.Rest;

public sealed record EventBatchInput(IReadOnlyList<EventInput>? Events);

/// <summary>The acknowledgement: every event is committed when this is sent.</summary>
public sealed record EventAcknowledgement(string EventId, string Outcome);

public sealed record BatchAcknowledgement(int Accepted, int Duplicates, IReadOnlyList<EventAcknowledgement> Results);
