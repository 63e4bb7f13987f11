using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Erp;

/// <summary>How to run the demo ERP. Defaults suit the standalone demo on port 5082.</summary>
public sealed class DemoErpOptions
{
    public const int DefaultPort = 5082;
    public const string DefaultApiKey = "demo-erp-key";

    /// <summary>The loopback port to listen on; 0 picks a free port (read it from the server's addresses).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>The value every /api request and SOAP call must carry in the <c>X-Api-Key</c> header.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Seed of the generated orders; the same seed gives the same data.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>Source of creation and change times; tests may pass a fake clock.</summary>
    [Required]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Adds logging providers; none by default, so an embedding host stays quiet.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
