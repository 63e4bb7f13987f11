using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Erp.Http;

/// <summary>Guards every /api route with the <c>X-Api-Key</c> header.</summary>
internal static class ApiKeyCheck
{
    public const string HeaderName = "X-Api-Key";

    public static void UseErpApiKey(this WebApplication app, string apiKey)
    {
        var expected = Encoding.UTF8.GetBytes(apiKey);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Demo.Erp.Auth");
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                var presented = context.Request.Headers[HeaderName].ToString();
                // Constant-time comparison: the demo should not teach a timing leak.
                if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
                {
                    ErpLog.RejectedApiKey(logger, context.Request.Method, context.Request.Path);
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsJsonAsync(
                        ErpError.Of(StatusCodes.Status401Unauthorized, $"not authorised: missing or invalid {HeaderName}"),
                        context.RequestAborted);
                    return;
                }

                await next(context);
            }));
    }
}
