using System.ComponentModel.DataAnnotations;
using Switchboard.Configuration;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Where the SOAP ingress listens. In the hub the batch limit and the phone region come from the running
/// configuration (<c>server.limits.maxBatchSize</c>, <c>phone.defaultRegion</c>); <see cref="MaxBatchSize"/>
/// and <see cref="DefaultRegion"/> apply only to a host without a <see cref="ConfigurationMonitor"/>.
/// </summary>
public sealed class SoapIngressOptions
{
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "Path must start with / and hold only letters, digits, /, _, . and -.")]
    public string Path { get; set; } = SoapIngressDefaults.Path;

    [Range(ServerLimits.MinBatchSize, ServerLimits.MaxBatchSizeLimit)]
    public int MaxBatchSize { get; set; } = SoapIngressDefaults.MaxBatchSize;

    [Required]
    public string DefaultRegion { get; set; } = "US";
}
