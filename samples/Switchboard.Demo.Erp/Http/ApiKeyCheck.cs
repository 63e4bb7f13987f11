using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Demo.Erp.Soap;

namespace Switchboard.Demo.Erp.Http;

/// <summary>
/// Guards every /api route and every SOAP call with the <c>X-Api-Key</c> header. Only the WSDL
/// (GET /soap/erp?wsdl) is open: it describes the service but holds no data.
/// </summary>
internal static class ApiKeyCheck
{
    public const string HeaderName = "X-Api-Key";

    public static void UseErpApiKey(this WebApplication app, string apiKey)
    {
        var expected = Encoding.UTF8.GetBytes(apiKey);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Demo.Erp.Auth");
        app.UseWhen(
            context => IsApi(context.Request) || IsSoapCall(context.Request),
            branch => branch.Use(async (context, next) =>
            {
                var presented = context.Request.Headers[HeaderName].ToString();
                // Constant-time comparison: the demo should not teach a timing leak.
                if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
                {
                    ErpLog.RejectedApiKey(logger, context.Request.Method, context.Request.Path);
                    var text = $"not authorised: missing or invalid {HeaderName}";
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    // A SOAP client gets a plain 401, not a fault: the request never reached the service.
                    if (IsApi(context.Request))
                    {
                        await context.Response.WriteAsJsonAsync(ErpError.Of(StatusCodes.Status401Unauthorized, text), context.RequestAborted);
                    }
                    else
                    {
                        context.Response.ContentType = "text/plain; charset=utf-8";
                        await context.Response.WriteAsync(text, context.RequestAborted);
                    }
                    return;
                }

                await next(context);
            }));
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static bool IsSoapCall(HttpRequest request) =>
        request.Path.StartsWithSegments("/soap", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(request.Method) && request.Path.Equals(ErpSoapEndpoint.Path, StringComparison.OrdinalIgnoreCase));
}
