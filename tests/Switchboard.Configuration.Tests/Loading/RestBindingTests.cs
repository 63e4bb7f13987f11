using Switchboard.Configuration.Tests.Support;
using Switchboard.Mapping;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>One rich REST system (OData conventions, custom auth, every resilience knob) bound field by field.</summary>
public sealed class RestBindingTests : IDisposable
{
    private const string Tickets = """
        name: tickets
        protocol: rest
        address: https://tickets.example.com/api/
        allowPrivateNetworks: true
        tls:
          caCertificate: certs/private-ca.pem
          insecureSkipVerify: false
        maxResponseBytes: 2097152
        retry:
          maxAttempts: 5
          baseDelayMs: 100
          maxDelayMs: 5000
          retryOn: [429, 503]
          honourRetryAfter: false
        circuitBreaker: { failureRatio: 0.25, breakSeconds: 10, minimumCalls: 20, samplingSeconds: 60 }
        rateLimit: { perSecond: 20, burst: 40, maxWaitSeconds: 2.5 }
        auth:
          type: custom
          headers:
            Authorization: "Token {{ secrets.token }}"
            X-Tenant: "{{ secrets.tenant }}"
          secrets:
            token: ${env:TICKETS_TOKEN}
            tenant: ${file:secrets/tenant}
        operations:
          ticket.listByCustomer:
            method: GET
            path: /odata/Tickets
            query:
              $filter: "CustomerId eq '{{ customerId }}'"
              $select: Id,Title,State,Opened
            headers: { Accept: application/json }
            statuses: { 404: noMatch, 204: noMatch }
            errorReason: [$.error.message, $.message]
            paging: { type: nextLink, nextLinkPath: "$['@odata.nextLink']", maxPages: 20 }
            response:
              format: json
              items: $.value[*]
              fields:
                externalId: $.Id
                subject: { path: $.Title, type: string, required: true }
                status:
                  path: $.State
                  map: { 1: open, 2: pending, 3: closed }
                  mapOther: "*"
                createdAt: { path: $.Opened, type: dateTime, format: epochSeconds }
                dueDate: { path: $.Due, type: date, format: dd.MM.yyyy, timeZone: Europe/Berlin }
                priority: { path: $.Priority, type: integer, default: "3" }
                contact:
                  fields:
                    name: $.Contact.Name
                    phone: { path: $.Contact.Phone, type: phone }
                tags: { items: "$.Tags[*]" }
                lines:
                  items: $.Lines[*]
                  fields:
                    sku: $.Sku
                    quantity: { path: $.Qty, type: decimal }
          ticket.create:
            method: POST
            path: /odata/Tickets
            headers: { Content-Type: application/json }
            body: '{ "Title": {{ subject | json }} }'
            idempotencyKey: Idempotency-Key
            statuses: { 409: conflict, 422: fail, 429: retry, 201: success }
            errorReason: $.error.message
            readBack: ticket.get
            response:
              fields: { externalId: $.Id }
          ticket.get:
            path: /odata/Tickets('{{ externalId | url_encode }}')
            response:
              fields: { externalId: $.Id, version: "$['@odata.etag']" }
          ticket.update:
            method: PATCH
            path: /odata/Tickets('{{ externalId | url_encode }}')
            headers: { If-Match: "{{ version }}" }
            idempotencyKey: { header: X-Request-Id, value: "{{ interactionId }}-update" }
            readBack: { operation: ticket.get }
          customer.listChanged:
            path: /customers
            paging: { type: page, parameter: page, sizeParameter: pageSize, size: 50, start: 0 }
          order.listChanged:
            path: /orders
            paging: { type: offset, parameter: $skip, sizeParameter: $top, size: 200 }
          customer.findByPhone:
            path: /customers/search
            query: { phone: "{{ phone | phone_e164 | url_encode }}" }
            paging: { type: cursor, parameter: cursor, cursorPath: $.next, sizeParameter: limit, size: 25, maxPages: 3 }
        """;

    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    private SystemDefinition Bind()
    {
        _config.Write("certs/private-ca.pem", "-----BEGIN CERTIFICATE-----");
        _config.Write("systems/tickets.yaml", Tickets);
        return _config.Valid().Systems.ShouldHaveSingleItem();
    }

    [Fact]
    public void System_safety_and_resilience_settings_are_bound()
    {
        var system = Bind();

        system.AllowPrivateNetworks.ShouldBeTrue();
        system.Tls.ShouldBe(new TlsSettings { CaCertificate = Path.Combine(_config.Path, "certs", "private-ca.pem") });
        system.Soap.ShouldBeNull();
        system.MaxResponseBytes.ShouldBe(2 * 1024 * 1024);
        system.Retry.MaxAttempts.ShouldBe(5);
        system.Retry.BaseDelay.ShouldBe(TimeSpan.FromMilliseconds(100));
        system.Retry.MaxDelay.ShouldBe(TimeSpan.FromSeconds(5));
        system.Retry.RetryOn.ShouldBe([429, 503]);
        system.Retry.HonourRetryAfter.ShouldBeFalse();
        system.CircuitBreaker.ShouldBe(new CircuitBreakerSettings { FailureRatio = 0.25, BreakSeconds = 10, MinimumCalls = 20, SamplingSeconds = 60 });
        system.RateLimit.ShouldBe(new RateLimitSettings { PerSecond = 20, Burst = 40, MaxWaitSeconds = 2.5 });
    }

    [Fact]
    public void Custom_auth_keeps_header_templates_and_secret_references()
    {
        var auth = Bind().Auth;

        auth.Type.ShouldBe(AuthType.Custom);
        auth.Headers["authorization"].ShouldBe("Token {{ secrets.token }}");
        auth.Headers["X-Tenant"].ShouldBe("{{ secrets.tenant }}");
        auth.Secrets["token"].Name.ShouldBe("TICKETS_TOKEN");
        auth.Secrets["tenant"].FullPath.ShouldBe(Path.Combine(_config.Path, "secrets", "tenant"));
    }

    [Fact]
    public void An_odata_list_binds_query_statuses_error_reasons_and_next_link_paging()
    {
        var list = Bind().Operations[OperationNames.TicketListByCustomer];

        list.Method.ShouldBe(OperationMethod.Get);
        list.Path.ShouldBe("/odata/Tickets");
        list.Query.ShouldBe(new Dictionary<string, string> { ["$filter"] = "CustomerId eq '{{ customerId }}'", ["$select"] = "Id,Title,State,Opened" });
        list.Statuses.ShouldBe(new Dictionary<int, StatusOutcome> { [404] = StatusOutcome.NoMatch, [204] = StatusOutcome.NoMatch });
        list.ErrorReason.ShouldBe(["$.error.message", "$.message"]);
        list.Paging.ShouldBe(new PagingSettings { Type = PagingType.NextLink, NextLinkPath = "$['@odata.nextLink']", MaxPages = 20 });
        list.IsRead.ShouldBeTrue();
    }

    [Fact]
    public void Long_form_fields_bind_types_formats_maps_defaults_objects_and_lists()
    {
        var response = Bind().Operations[OperationNames.TicketListByCustomer].Response!;

        response.Format.ShouldBe(ResponseFormat.Json);
        response.Items.ShouldBe("$.value[*]");
        var fields = response.Fields;
        fields["externalId"].ShouldBe(FieldMapping.ForPath("$.Id"));
        fields["subject"].ShouldBe(new FieldMapping { Path = "$.Title", Type = ValueKind.String, Required = true });
        fields["status"].Map!.ShouldBe(new Dictionary<string, string> { ["1"] = "open", ["2"] = "pending", ["3"] = "closed" });
        fields["status"].MapOther.ShouldBe("*");
        fields["createdAt"].ShouldBe(new FieldMapping { Path = "$.Opened", Type = ValueKind.DateTime, Format = "epochSeconds" });
        fields["dueDate"].ShouldBe(new FieldMapping { Path = "$.Due", Type = ValueKind.Date, Format = "dd.MM.yyyy", TimeZone = "Europe/Berlin" });
        fields["priority"].ShouldBe(new FieldMapping { Path = "$.Priority", Type = ValueKind.Integer, Default = "3" });

        var contact = fields["contact"];
        contact.IsObject.ShouldBeTrue();
        contact.Fields!["name"].Path.ShouldBe("$.Contact.Name");
        contact.Fields["phone"].Type.ShouldBe(ValueKind.Phone);

        fields["tags"].IsList.ShouldBeTrue();
        fields["tags"].Items.ShouldBe("$.Tags[*]");
        fields["tags"].Fields.ShouldBeNull();
        fields["lines"].Items.ShouldBe("$.Lines[*]");
        fields["lines"].Fields!["quantity"].ShouldBe(new FieldMapping { Path = "$.Qty", Type = ValueKind.Decimal });
    }

    [Fact]
    public void Writes_bind_idempotency_keys_outcomes_and_read_back_in_both_forms()
    {
        var operations = Bind().Operations;

        var create = operations[OperationNames.TicketCreate];
        create.Method.ShouldBe(OperationMethod.Post);
        create.Body.ShouldBe("{ \"Title\": {{ subject | json }} }");
        create.IdempotencyKey.ShouldBe(new IdempotencyKeySettings { Header = "Idempotency-Key", Value = "{{ idempotencyKey }}" });
        create.Statuses.ShouldBe(new Dictionary<int, StatusOutcome>
        {
            [409] = StatusOutcome.Conflict, [422] = StatusOutcome.Fail, [429] = StatusOutcome.Retry, [201] = StatusOutcome.Success,
        });
        create.ErrorReason.ShouldBe(["$.error.message"]);
        create.ReadBack.ShouldBe(new ReadBackSettings { Operation = "ticket.get" });
        create.IsRead.ShouldBeFalse();

        var update = operations[OperationNames.TicketUpdate];
        update.Method.ShouldBe(OperationMethod.Patch);
        update.Headers["if-match"].ShouldBe("{{ version }}");
        update.IdempotencyKey.ShouldBe(new IdempotencyKeySettings { Header = "X-Request-Id", Value = "{{ interactionId }}-update" });
        update.ReadBack!.Operation.ShouldBe("ticket.get");
    }

    [Fact]
    public void Page_offset_and_cursor_paging_are_bound_with_their_defaults()
    {
        var operations = Bind().Operations;

        operations[OperationNames.CustomerListChanged].Paging.ShouldBe(new PagingSettings
        {
            Type = PagingType.Page, Parameter = "page", SizeParameter = "pageSize", Size = 50, Start = 0, MaxPages = 100,
        });
        operations[OperationNames.OrderListChanged].Paging.ShouldBe(new PagingSettings
        {
            Type = PagingType.Offset, Parameter = "$skip", SizeParameter = "$top", Size = 200, Start = 1, MaxPages = 100,
        });
        operations[OperationNames.CustomerFindByPhone].Paging.ShouldBe(new PagingSettings
        {
            Type = PagingType.Cursor, Parameter = "cursor", CursorPath = "$.next", SizeParameter = "limit", Size = 25, MaxPages = 3,
        });
        operations[OperationNames.CustomerFindByPhone].Query["phone"].ShouldBe("{{ phone | phone_e164 | url_encode }}");
    }

    [Fact]
    public void Defaults_apply_when_the_new_sections_are_absent()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();
        var operation = system.Operations[OperationNames.CustomerFindByPhone];

        system.AllowPrivateNetworks.ShouldBeFalse();
        system.Tls.ShouldBe(TlsSettings.Default);
        system.MaxResponseBytes.ShouldBe(SystemDefinition.DefaultMaxResponseBytes);
        system.Retry.ShouldBe(new RetrySettings());
        system.Retry.RetryOn.ShouldBe([408, 429, 500, 502, 503, 504]);
        system.CircuitBreaker.ShouldBe(new CircuitBreakerSettings());
        operation.Query.ShouldBeEmpty();
        operation.Statuses.ShouldBeEmpty();
        operation.ErrorReason.ShouldBeEmpty();
        operation.IdempotencyKey.ShouldBeNull();
        operation.Paging.ShouldBeNull();
        operation.ReadBack.ShouldBeNull();
        operation.Soap.ShouldBeNull();
        operation.Response.ShouldBeNull();
    }

    [Fact]
    public void An_api_key_may_go_in_the_query()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem + """

            auth: { type: apiKey, in: query, parameter: api_key, key: "${env:CRM_KEY}" }
            """);

        var auth = _config.Valid().Systems[0].Auth;

        auth.In.ShouldBe(ApiKeyLocation.Query);
        auth.Parameter.ShouldBe("api_key");
        auth.Header.ShouldBeNull();
        auth.Key!.Name.ShouldBe("CRM_KEY");
    }
}
