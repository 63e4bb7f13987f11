using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Crm;

/// <summary>How to run the demo CRM. Defaults suit the standalone demo on port 5081.</summary>
public sealed class DemoCrmOptions
{
    public const int DefaultPort = 5081;
    public const string DefaultApiKey = "demo-crm-key";

    /// <summary>The loopback port to listen on; 0 picks a free port (read it from the server's addresses).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>The value every /api request must carry in the <c>X-Api-Key</c> header.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Seed of the generated cases; the same seed gives the same data.</summary>
    public int Seed { get; set; } = 1027;

    /// <summary>Source of modification times; tests may pass a fake clock.</summary>
    [Required]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Adds logging providers; none by default, so an embedding host stays quiet.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
