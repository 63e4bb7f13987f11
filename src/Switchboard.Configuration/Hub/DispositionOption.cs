namespace Switchboard.Configuration;

/// <summary>One wrap-up disposition an agent may choose: the code stored on the interaction, and its label in each language.</summary>
public sealed record DispositionOption(string Code, string En, string Zh);
