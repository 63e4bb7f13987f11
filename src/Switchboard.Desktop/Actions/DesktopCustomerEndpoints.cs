using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Configuration;
using Switchboard.Connectors;
using Switchboard.Core.Phones;
using Switchboard.Desktop.Pops;
using Switchboard.ScreenPop;
using Switchboard.Storage.Stores;

namespace Switchboard.Desktop.Actions;

/// <summary>
/// <c>POST /desktop/api/customers</c>: the pop found nobody, so the agent creates the caller in the system of record the
/// screenPop flow names (<c>screenPop.createIn</c>), through its <c>customer.create</c> (else <c>customer.upsert</c>, with
/// an id made from the idempotency key) and the delivery outbox, like tickets and orders. Once the system answers, the
/// call's pop opens on the new customer and is pushed to the agent, so the wrap-up links the interaction to them.
/// </summary>
internal static class DesktopCustomerEndpoints
{
    public static RouteGroupBuilder MapDesktopCustomers(this RouteGroupBuilder group)
    {
        group.MapPost("/customers", CreateCustomerAsync)
            .WithSummary("Create the caller the pop did not find in the system of record (screenPop.createIn); the call's pop then opens on them.");
        return group;
    }

    /// <summary>The system new customers are created in: the first screenPop flow's <c>screenPop.createIn</c>.</summary>
    public static string? CreateIn(HubConfiguration? configuration) =>
        configuration?.Flows.Where(f => f.Capability == Capability.ScreenPop && f.Mode != RolloutMode.Off)
            .Select(f => f.ScreenPop?.CreateIn).FirstOrDefault(s => s is not null);

    /// <summary>The <see cref="CreateIn"/> system when it is on and can create customers; null when the desktop should not offer it.</summary>
    public static string? CanCreateIn(HubConfiguration? configuration) =>
        CreateIn(configuration) is { } name && configuration!.FindSystem(name) is { Mode: not RolloutMode.Off } system
        && (system.Implements(OperationNames.CustomerCreate) || system.Implements(OperationNames.CustomerUpsert))
            ? name
            : null;

    private static async Task<IResult> CreateCustomerAsync(
        CreateCustomerRequest request, HttpRequest http, ClaimsPrincipal user, ConfigurationMonitor configuration, IServiceProvider services,
        ScreenPopEngine pops, InteractionStore interactions, HeldPops held, IPopPublisher publisher, DesktopPipeline pipeline, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var current = configuration.Current;
        var region = current?.Phone.DefaultRegion;
        var phones = PhoneNormalizer.IsKnownRegion(region) ? new PhoneNormalizer(region!) : services.GetRequiredService<PhoneNormalizer>();
        var errors = NewCustomerValidator.Check(request, phones, out var phone);
        var key = DesktopRecordEndpoints.IdempotencyKey(http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "No customer was created.");
        }

        if (CreateIn(current) is not { } system)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "No system to create customers in",
                detail: "No customer was created: no screenPop flow names the system to create customers in (screenPop.createIn in flows/).");
        }

        var definition = current!.FindSystem(system);
        var operation = definition?.Implements(OperationNames.CustomerCreate) == true ? OperationNames.CustomerCreate
            : definition?.Implements(OperationNames.CustomerUpsert) == true ? OperationNames.CustomerUpsert
            : null;
        if (definition is not null && operation is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The system cannot create customers",
                detail: $"No customer was created: system '{system}' (screenPop.createIn) defines neither {OperationNames.CustomerCreate} nor "
                    + $"{OperationNames.CustomerUpsert}; add one to {definition.File}.");
        }

        var callId = request.CallId!.Trim();
        var agentId = DesktopActionEndpoints.AgentId(user);
        if (await CallOwnership.RefuseUnlessOwnAsync(callId, agentId, "create its caller", pops, interactions, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var name = request.Name!.Trim();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var (first, last) = NameParts(name);
        // An upsert needs the id up front: one made from the key, so a retried request writes the same record.
        var externalId = operation == OperationNames.CustomerUpsert ? IdFromKey(key) : null;
        var fields = new JsonObject { ["externalId"] = externalId, ["displayName"] = name, ["firstName"] = first, ["lastName"] = last, ["phone"] = phone, ["email"] = email };
        var arguments = OperationArguments.From(
            ("externalId", externalId), ("name", name), ("displayName", name), ("firstName", first), ("lastName", last),
            ("phone", phone), ("email", email), ("interactionId", callId));
        return await DesktopRecordEndpoints.CreateAsync(
            system, externalId ?? "new:" + key, operation ?? OperationNames.CustomerCreate, "customer", key, arguments, configuration, pipeline, loggers,
            (record, ct) => OpenPopOnAsync(callId, system, Merge(fields, record), pops, held, publisher, loggers, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The call's pop opens on the new customer, pushed to the agent's desktop; a pop no longer held is left as it is.</summary>
    private static async Task OpenPopOnAsync(
        string callId, string system, JsonObject customer, ScreenPopEngine pops, HeldPops held, IPopPublisher publisher, ILoggerFactory loggers,
        CancellationToken ct)
    {
        try
        {
            // Another hub process may have run the pop: this one runs it too before opening it on the new customer.
            await held.LatestAsync(callId, ct).ConfigureAwait(false);
            await foreach (var view in pops.OpenCreatedAsync(callId, system, customer, ct).ConfigureAwait(false))
            {
                await publisher.PublishAsync(view, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
        {
            DesktopActionLog.PopNotOpened(loggers.CreateLogger(typeof(DesktopCustomerEndpoints)), callId, system, ex.Message);
        }
    }

    /// <summary>What the desktop sent, overlaid by what the system answered (its id, its spelling).</summary>
    private static JsonObject Merge(JsonObject sent, JsonObject answered)
    {
        var merged = (JsonObject)sent.DeepClone();
        foreach (var (field, value) in answered)
        {
            if (value is not null)
            {
                merged[field] = value.DeepClone();
            }
        }

        return merged;
    }

    /// <summary>Given names, then the family name after the last space; a name without spaces (李伟) is all family name.</summary>
    private static (string? First, string Last) NameParts(string name)
    {
        var space = name.LastIndexOf(' ');
        return space < 0 ? (null, name) : (name[..space].Trim(), name[(space + 1)..]);
    }

    private static string IdFromKey(string key) =>
        "sb-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];
}
