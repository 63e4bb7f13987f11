using Switchboard.Configuration;

namespace Switchboard.Server.Hosting;

/// <summary>The configuration directory holds errors; the hub does not start on it.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<ConfigurationError> errors)
    : Exception($"The configuration is invalid ({errors.Count} error(s)):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}")
{
    public IReadOnlyList<ConfigurationError> Errors { get; } = errors;
}
