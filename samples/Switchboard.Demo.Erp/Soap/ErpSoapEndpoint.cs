using System.ServiceModel;
using System.ServiceModel.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SoapCore;
using SoapCore.Extensibility;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>
/// Serves <see cref="IErpSoapService"/> at <see cref="Path"/>: SOAP 1.1 (text/xml, SOAPAction header)
/// and SOAP 1.2 (application/soap+xml with an action parameter) on one address, WSDL at <c>?wsdl</c>.
/// </summary>
internal static class ErpSoapEndpoint
{
    public const string Path = "/soap/erp";

    public static IServiceCollection AddErpSoap(this IServiceCollection services)
    {
        services.AddSoapCore();
        services.AddSingleton<IFaultExceptionTransformer, ErpSoapFaultTransformer>();
        services.AddSingleton<IErpSoapService, ErpSoapService>();
        return services;
    }

    public static void UseErpSoap(this WebApplication app)
    {
        // A client that joins a base address and an empty path posts to "/soap/erp/", which SoapCore
        // would route as a plain-HTTP operation with an empty name.
        app.Use((context, next) =>
        {
            if (string.Equals(context.Request.Path.Value, Path + "/", StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Path = new PathString(Path);
            }

            return next(context);
        });

        // Middleware rather than an endpoint, so that it runs after the API key check.
        ((IApplicationBuilder)app).UseSoapEndpoint<IErpSoapService>(options =>
        {
            options.Path = Path;
            options.CaseInsensitivePath = true;
            options.SoapSerializer = SoapSerializer.XmlSerializer;
            options.EncoderOptions =
            [
                new SoapEncoderOptions { MessageVersion = MessageVersion.Soap11, BindingName = "ErpSoap11", PortName = "ErpSoap11" },
                new SoapEncoderOptions
                {
                    MessageVersion = MessageVersion.CreateVersion(EnvelopeVersion.Soap12, AddressingVersion.None),
                    BindingName = "ErpSoap12",
                    PortName = "ErpSoap12",
                },
            ];
        });
    }
}
