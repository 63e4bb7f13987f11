using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Crm.Http;

/// <summary>Guards every /api route with the <c>X-Api-Key</c> header.</summary>
internal static class ApiKeyCheck
{
    public const string HeaderName = "X-Api-Key";

    public static void UseCrmApiKey(this WebApplication app, string apiKey)
    {
        var expected = Encoding.UTF8.GetBytes(apiKey);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Demo.Crm.Auth");
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                var presented = context.Request.Headers[HeaderName].ToString();
                // Constant-time comparison: the demo should not teach a timing leak.
                if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
                {
                    CrmLog.RejectedApiKey(logger, context.Request.Method, context.Request.Path);
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsJsonAsync(
                        new CrmError("INVALID_SESSION_ID", $"Session expired or invalid: send a valid {HeaderName} header"),
                        context.RequestAborted);
                    return;
                }

                await next(context);
            }));
    }
}
