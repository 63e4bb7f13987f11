using System.Security;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// Serves the hand-written WSDL (SoapEvents.wsdl, embedded) with the address it was requested from, so
/// a client that loads it from <c>https://hub:8443/soap/events?wsdl</c> posts back to that address.
/// </summary>
internal static class SoapWsdl
{
    public const string ResourceName = "Switchboard.Ingress.Soap.SoapEvents.wsdl";

    private static readonly Lazy<string> Template = new(Load);

    public static Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var address = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}";
        var wsdl = Template.Value.Replace("{{address}}", SecurityElement.Escape(address), StringComparison.Ordinal);
        context.Response.ContentType = "text/xml; charset=utf-8";
        return context.Response.WriteAsync(wsdl, context.RequestAborted);
    }

    private static string Load()
    {
        using var stream = typeof(SoapWsdl).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(SoapWsdl).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
