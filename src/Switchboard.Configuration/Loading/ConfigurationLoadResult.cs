namespace Switchboard.Configuration;

/// <summary>What <see cref="ConfigurationLoader.Load"/> found: a configuration when there are no errors, otherwise every error of every file.</summary>
public sealed record ConfigurationLoadResult(HubConfiguration? Configuration, IReadOnlyList<ConfigurationError> Errors)
{
    public bool IsValid => Configuration is not null && Errors.Count == 0;
}
