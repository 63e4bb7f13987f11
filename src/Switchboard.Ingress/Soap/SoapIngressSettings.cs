using Microsoft.Extensions.Options;
using Switchboard.Configuration;
using Switchboard.Core.Events;
using Switchboard.Core.Phones;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// The limits and validator in force now: from the running configuration when the host has one (so a
/// reload that changes <c>phone.defaultRegion</c> applies to the next request), else from <see cref="SoapIngressOptions"/>.
/// </summary>
internal sealed class SoapIngressSettings(ConfigurationMonitor? monitor, IOptions<SoapIngressOptions> options, TimeProvider clock)
{
    private CachedValidator? _cached;

    public int MaxBatchSize => monitor?.Current?.Server.Limits.MaxBatchSize ?? options.Value.MaxBatchSize;

    public ContactCenterEventValidator Validator()
    {
        var region = monitor?.Current?.Phone.DefaultRegion ?? options.Value.DefaultRegion;
        var cached = Volatile.Read(ref _cached);
        if (cached is null || cached.Region != region)
        {
            cached = new CachedValidator(region, new ContactCenterEventValidator(new PhoneNormalizer(region), clock));
            Volatile.Write(ref _cached, cached);
        }

        return cached.Validator;
    }

    private sealed record CachedValidator(string Region, ContactCenterEventValidator Validator);
}
