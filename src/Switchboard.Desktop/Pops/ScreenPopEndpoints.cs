using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.ScreenPop;
using Switchboard.Security;

namespace Switchboard.Desktop.Pops;

/// <summary>
/// The screen pop over REST, for desktops other than ours (a CRM embedding the hub):
/// <c>POST /api/v1/screen-pops</c> runs a pop and answers its complete result;
/// <c>GET /api/v1/screen-pops/{callId}</c> answers the latest pop of a call.
/// </summary>
public static class ScreenPopEndpoints
{
    public static IEndpointRouteBuilder MapScreenPops(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/screen-pops").WithTags("Screen pop");
        group.MapPost("/", RunAsync)
            .RequireAuthorization(nameof(Permission.RecordsRead))
            .WithSummary("Run a screen pop for a caller number and IVR data; answers when every system answered or the budget ran out.");
        group.MapGet("/{callId}", Latest)
            .RequireAuthorization(nameof(Permission.RecordsRead))
            .WithSummary("The latest screen pop of a call.");
        return app;
    }

    private static async Task<IResult> RunAsync(PopRequest request, ScreenPopEngine engine, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["callId"] = ["is required"] });
        }

        return TypedResults.Ok(await engine.RunAsync(request, cancellationToken).LastOrDefaultAsync(cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> Latest(string callId, HeldPops held, CancellationToken cancellationToken) =>
        await held.LatestAsync(callId, cancellationToken).ConfigureAwait(false) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"no screen pop for call '{callId}' (pops are kept for a while after the call rang)");
}
