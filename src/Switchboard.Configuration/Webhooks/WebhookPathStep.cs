namespace Switchboard.Configuration;

/// <summary>One step of a JSON path: a property name, or an array index.</summary>
public readonly record struct WebhookPathStep(string? Property, int Index = -1)
{
    public bool IsIndex => Property is null;
}
