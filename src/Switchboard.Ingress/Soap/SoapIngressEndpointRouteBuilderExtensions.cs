using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Security;

namespace Switchboard.Ingress.Soap;

public static class SoapIngressEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {path}?wsdl</c> (anonymous) and <c>POST {path}</c> (policy <c>EventsWrite</c>), path
    /// <c>/soap/events</c> by default. Call after <c>UseAuthentication</c>/<c>UseAuthorization</c> like any
    /// endpoint. Do not add authorization to the returned group: the WSDL must stay anonymous.
    /// </summary>
    public static RouteGroupBuilder MapSoapIngress(this IEndpointRouteBuilder endpoints)
    {
        var path = endpoints.ServiceProvider.GetRequiredService<IOptions<SoapIngressOptions>>().Value.Path;
        var group = endpoints.MapGroup(path);
        group.MapGet("", SoapWsdl.ServeAsync)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithDisplayName("SOAP events WSDL");
        group.MapPost("", context => context.RequestServices.GetRequiredService<SoapEventEndpoint>().HandleAsync(context))
            .RequireAuthorization(Permission.EventsWrite.ToString())
            .WithMetadata(SoapEndpointMetadata.Instance)
            .ExcludeFromDescription()
            .WithDisplayName("SOAP events");
        return group;
    }
}
