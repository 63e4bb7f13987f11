using Switchboard.Configuration;

namespace Switchboard.Ingress.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>
    /// Maps <c>POST /webhooks/{name}</c> for every webhook in <c>webhooks/*.yaml</c>. No API key: the
    /// vendor's signature authenticates each request. Needs <see cref="WebhookServiceCollectionExtensions.AddSwitchboardWebhooks"/>,
    /// a <see cref="ConfigurationMonitor"/> and an <see cref="Interactions.IEventIngest"/>.
    /// </summary>
    public static RouteHandlerBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/webhooks/{name}", (string name, HttpRequest request, WebhookReceiver receiver, CancellationToken cancellationToken) =>
                receiver.ReceiveAsync(name, request, cancellationToken))
            .AllowAnonymous()
            .WithName("ReceiveWebhook")
            .WithTags("Webhooks")
            .WithSummary("Receive a vendor webhook")
            .WithDescription("The vendor's own JSON or form body, signed as webhooks/{name}.yaml says; mapped to a contact-center event.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
