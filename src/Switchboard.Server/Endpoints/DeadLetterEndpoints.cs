using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Configuration;
using Switchboard.Core.Common;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Security;
using Switchboard.Server.Authentication;
using Switchboard.Server.Contracts;
using Switchboard.Server.Errors;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Endpoints;

/// <summary>
/// Delivery's dead letters: list, inspect, replay and discard, and the audit trail of who replayed or discarded what.
/// Replay and discard need an id, a filter or <c>all: true</c>; a request naming none changes nothing.
/// </summary>
public static class DeadLetterEndpoints
{
    private const int DefaultLimit = 50;

    public static RouteGroupBuilder MapDeadLetterEndpoints(this RouteGroupBuilder api)
    {
        var delivery = api.MapGroup("/delivery").WithTags("Delivery");
        delivery.MapGet("/dead-letters", ListAsync).RequirePermission(Permission.DeliveryRead)
            .WithSummary("Dead letters, newest failure first, narrowed by target, operation, source and failure time [from, to); page with 'after'.");
        delivery.MapGet("/dead-letters/{id}", GetAsync).RequirePermission(Permission.DeliveryRead)
            .WithSummary("One dead letter: the message, why it failed, and every attempt with its timing and error.");
        delivery.MapPost("/dead-letters/replay", ReplayAsync).RequirePermission(Permission.DeliveryManage)
            .WithSummary("Puts the selected dead letters back in their target's queue, with the same id and idempotency key.");
        delivery.MapPost("/dead-letters/discard", DiscardAsync).RequirePermission(Permission.DeliveryManage)
            .WithSummary("Deletes the selected dead letters for good.");
        delivery.MapGet("/actions", ActionsAsync).RequirePermission(Permission.DeliveryRead)
            .WithSummary("The audit trail: who replayed or discarded which dead letter, newest first.");
        return api;
    }

    private static async Task<Results<Ok<ItemList<DeadLetter>>, ValidationProblem>> ListAsync(
        string? target, string? operation, string? source, string? from, string? to, int? limit, string? after,
        DeadLetterStore store, ConfigurationMonitor configuration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var filter = await ReadFilterAsync(null, target, operation, source, from, to, store, configuration, errors, ct);
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > DeadLetterStore.MaxLimit)
        {
            errors.Add(new FieldError("limit", size.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {DeadLetterStore.MaxLimit}"));
        }

        if (after is not null && !DeadLetterCursor.TryParse(after, out _))
        {
            errors.Add(new FieldError("after", after, "is not a cursor this list returned (the 'next' of a page)"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var page = await store.ListAsync(filter, size, after, ct);
        return TypedResults.Ok(new ItemList<DeadLetter>(page.Items, page.Next));
    }

    private static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> GetAsync(string id, DeadLetterStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } letter ? TypedResults.Ok(letter) : Problems.NotFound("dead letter", id);

    private static async Task<Results<Ok<DeadLettersReplayed>, ValidationProblem>> ReplayAsync(
        DeadLetterSelection selection, ClaimsPrincipal user, DeadLetterStore store, ConfigurationMonitor configuration, CancellationToken ct)
    {
        var (filter, problem) = await ReadSelectionAsync(selection, store, configuration, ct);
        return filter is null ? problem! : TypedResults.Ok(new DeadLettersReplayed(await store.ReplayAsync(filter, Actor(user), ct)));
    }

    private static async Task<Results<Ok<DeadLettersDiscarded>, ValidationProblem>> DiscardAsync(
        DeadLetterSelection selection, ClaimsPrincipal user, DeadLetterStore store, ConfigurationMonitor configuration, CancellationToken ct)
    {
        var (filter, problem) = await ReadSelectionAsync(selection, store, configuration, ct);
        return filter is null ? problem! : TypedResults.Ok(new DeadLettersDiscarded(await store.DiscardAsync(filter, Actor(user), ct)));
    }

    private static async Task<Results<Ok<ItemList<DeliveryAction>>, ValidationProblem>> ActionsAsync(int? limit, DeadLetterStore store, CancellationToken ct)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > DeadLetterStore.MaxLimit)
        {
            return Problems.Invalid([new FieldError("limit", size.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {DeadLetterStore.MaxLimit}")]);
        }

        return TypedResults.Ok(new ItemList<DeliveryAction>(await store.ActionsAsync(size, ct)));
    }

    /// <summary>Who is acting, for the audit trail: <c>api-key:NAME (ID)</c> for an API key.</summary>
    internal static string Actor(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId
            ? $"api-key:{user.FindFirstValue(ClaimTypes.Name)} ({keyId})"
            : $"account:{user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown"}";

    private static async Task<(DeadLetterFilter? Filter, ValidationProblem? Problem)> ReadSelectionAsync(
        DeadLetterSelection selection, DeadLetterStore store, ConfigurationMonitor configuration, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var filter = await ReadFilterAsync(
            selection.Id, selection.Target, selection.Operation, selection.Source, selection.From, selection.To, store, configuration, errors, ct);
        if (errors.Count > 0)
        {
            return (null, Problems.Invalid(errors));
        }

        if (selection.All == true)
        {
            if (!filter.IsEmpty)
            {
                return (null, Problems.Invalid([new FieldError("all", "true", "cannot be combined with an id or a filter; send one or the other")]));
            }

            return (DeadLetterFilter.Everything, null);
        }

        if (filter.IsEmpty)
        {
            return (null, Problems.Invalid(
                [new FieldError("all", selection.All is null ? null : "false", "is not true and no id or filter was given")],
                $"{DeadLetterFilter.EmptyMessage}; nothing was changed."));
        }

        return (filter, null);
    }

    private static async Task<DeadLetterFilter> ReadFilterAsync(
        string? id, string? target, string? operation, string? source, string? from, string? to,
        DeadLetterStore store, ConfigurationMonitor configuration, List<FieldError> errors, CancellationToken ct)
    {
        NotBlank("id", id, errors);
        NotBlank("operation", operation, errors);
        NotBlank("source", source, errors);
        if (NotBlank("target", target, errors) && configuration.Running().FindSystem(target!) is null
            && await store.CountAsync(new DeadLetterFilter { Target = target }, ct) == 0)
        {
            errors.Add(new FieldError("target", target, "is not a configured system and has no dead letters"));
        }

        var failedFrom = Instant("from", from, errors);
        var failedTo = Instant("to", to, errors);
        if (failedFrom > failedTo)
        {
            errors.Add(new FieldError("from", from, $"is after 'to' ({to})"));
        }

        return new DeadLetterFilter
        {
            Id = id,
            Target = target,
            Operation = operation,
            Source = source,
            FailedFrom = failedFrom,
            FailedTo = failedTo,
        };
    }

    /// <summary>True when <paramref name="value"/> is given and not blank; a blank one is an error.</summary>
    private static bool NotBlank(string field, string? value, List<FieldError> errors)
    {
        if (value is null)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, value, "is empty; leave it out to not filter by it"));
            return false;
        }

        return true;
    }

    /// <summary>An ISO 8601 instant; without an offset it is read as UTC.</summary>
    private static DateTimeOffset? Instant(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(field, text, "is not a date and time such as 2026-03-01T09:00:00Z"));
        return null;
    }
}
