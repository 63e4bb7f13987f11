namespace Switchboard.Configuration;

/// <summary>Where a <see cref="SecretReference"/> reads its value from.</summary>
public enum SecretSource
{
    /// <summary><c>${env:NAME}</c>: an environment variable of the hub process.</summary>
    Environment,

    /// <summary><c>${file:PATH}</c>: the contents of a file, e.g. a Docker or Kubernetes secret mount.</summary>
    File,
}
