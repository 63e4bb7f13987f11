using Switchboard.Configuration.Tests.Support;
using Switchboard.Mapping;

namespace Switchboard.Configuration.Tests.Loading;

/// <summary>One rich system per non-REST protocol (SOAP, AMQP, SQL, file drop), bound field by field.</summary>
public sealed class ProtocolBindingTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void A_soap_system_binds_its_version_actions_namespaces_and_xpath_fields()
    {
        _config.Write("client.pem", "-----BEGIN CERTIFICATE-----");
        _config.Write("systems/erp.yaml", """
            name: erp
            protocol: soap
            address: https://erp.example.com/services/
            soap: { version: "1.2" }
            tls: { insecureSkipVerify: true }
            auth:
              type: oauth2
              tokenUrl: https://login.example.com/token
              clientId: hub
              clientSecret: ${env:ERP_SECRET}
              resource: https://erp.example.com/
            operations:
              customer.findByPhone:
                method: POST
                path: /soap/erp
                soap: { action: "urn:erp/FindCustomers" }
                body: |
                  <e:FindCustomers xmlns:e="urn:erp"><e:Phone>{{ phone | xml_escape }}</e:Phone></e:FindCustomers>
                statuses: { 500: fail }
                errorReason: [//s:Fault/s:Reason/s:Text, //faultstring]
                response:
                  format: xml
                  namespaces: { s: "http://www.w3.org/2003/05/soap-envelope", e: "urn:erp" }
                  items: //e:Customer
                  fields:
                    externalId: e:CustomerNo
                    displayName: { path: e:Name, type: string }
                    createdAt: { path: e:Created, type: dateTime, format: "yyyy-MM-dd HH:mm", timeZone: America/New_York }
                    active: { path: "e:Active = 'Y'", type: boolean }
              order.get:
                soap: { action: "" }
                response:
                  namespaces: { e: "urn:erp" }
                  fields: { externalId: "string(//e:OrderNo)" }
            """);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();

        system.Soap.ShouldBe(new SoapSettings { Version = SoapVersion.Soap12 });
        system.Tls.InsecureSkipVerify.ShouldBeTrue();
        system.Auth.Resource.ShouldBe("https://erp.example.com/");
        var find = system.Operations[OperationNames.CustomerFindByPhone];
        find.Soap.ShouldBe(new SoapOperationSettings { Action = "urn:erp/FindCustomers" });
        find.Body!.ShouldStartWith("<e:FindCustomers");
        find.ErrorReason.ShouldBe(["//s:Fault/s:Reason/s:Text", "//faultstring"]);
        find.Statuses[500].ShouldBe(StatusOutcome.Fail);
        find.Response!.Format.ShouldBe(ResponseFormat.Xml);
        find.Response.Namespaces.ShouldBe(new Dictionary<string, string> { ["s"] = "http://www.w3.org/2003/05/soap-envelope", ["e"] = "urn:erp" });
        find.Response.Items.ShouldBe("//e:Customer");
        find.Response.Fields["createdAt"].ShouldBe(new FieldMapping
        {
            Path = "e:Created", Type = ValueKind.DateTime, Format = "yyyy-MM-dd HH:mm", TimeZone = "America/New_York",
        });
        find.Response.Fields["active"].Type.ShouldBe(ValueKind.Boolean);
        system.Operations[OperationNames.OrderGet].Soap!.Action.ShouldBe(string.Empty);
        system.Operations[OperationNames.OrderGet].Path.ShouldBeNull();
        system.Operations[OperationNames.OrderGet].Response!.Format.ShouldBe(ResponseFormat.Auto);
    }

    [Fact]
    public void A_soap_system_without_a_soap_section_speaks_soap_1_1()
    {
        _config.Write("systems/erp.yaml", """
            name: erp
            protocol: soap
            address: https://erp.example.com/services/
            """);

        _config.Valid().Systems[0].Soap.ShouldBe(SoapSettings.Default);
    }

    [Fact]
    public void An_amqp_system_binds_publishing_and_consuming_operations()
    {
        _config.Write("certs/ca.pem", "-----BEGIN CERTIFICATE-----");
        _config.Write("systems/events.yaml", """
            name: events
            protocol: amqp
            address: amqps://broker.example.com:5671/
            tls: { caCertificate: certs/ca.pem }
            auth: { type: basic, username: hub, password: "${env:AMQP_PASSWORD}" }
            operations:
              interaction.log:
                method: POST
                amqp: { exchange: crm.events, routingKey: "interaction.{{ direction | downcase }}" }
                headers: { content-type: application/json }
                body: '{ "id": {{ interactionId | json }} }'
              customer.listChanged:
                amqp: { queue: crm.customers.changed }
                response:
                  fields:
                    externalId: $.id
                    updatedAt: { path: $.changedAt, type: dateTime, format: epochMillis }
            """);

        var system = _config.Valid().Systems.ShouldHaveSingleItem();

        system.Tls.CaCertificate.ShouldBe(Path.Combine(_config.Path, "certs", "ca.pem"));
        var publish = system.Operations[OperationNames.InteractionLog];
        publish.Amqp.ShouldBe(new AmqpOperationSettings { Exchange = "crm.events", RoutingKey = "interaction.{{ direction | downcase }}" });
        publish.Amqp!.IsPublish.ShouldBeTrue();
        publish.Path.ShouldBeNull();
        publish.Headers["Content-Type"].ShouldBe("application/json");
        publish.IsRead.ShouldBeFalse();
        var consume = system.Operations[OperationNames.CustomerListChanged];
        consume.Amqp.ShouldBe(new AmqpOperationSettings { Queue = "crm.customers.changed" });
        consume.Amqp!.IsPublish.ShouldBeFalse();
        consume.Response!.Fields["updatedAt"].Format.ShouldBe("epochMillis");
    }

    [Fact]
    public void A_sql_system_binds_queries_statements_parameters_and_the_high_water_mark()
    {
        _config.Write("systems/db.yaml", """
            name: legacy-db
            protocol: sql
            address: ${env:LEGACY_DB}
            operations:
              customer.findByPhone:
                sql:
                  query: SELECT id, name FROM customers WHERE phone = @phone AND tenant = @tenant
                  parameters: { phone: "{{ phone | phone_digits }}" }
                response:
                  fields: { externalId: $.id, displayName: $.name }
              customer.listChanged:
                sql:
                  query: |
                    SELECT id, changed_at FROM customers
                    WHERE changed_at > @since ORDER BY changed_at
                  highWaterMark: changed_at
              interaction.log:
                method: POST
                sql:
                  statement: INSERT INTO calls (id, note) VALUES (@id, @note) RETURNING id
                  parameters:
                    id: "{{ interactionId }}"
                    note: "{{ notes | truncate: 200 }}"
            """);

        var operations = _config.Valid().Systems.ShouldHaveSingleItem().Operations;

        var find = operations[OperationNames.CustomerFindByPhone].Sql!;
        find.Query.ShouldBe("SELECT id, name FROM customers WHERE phone = @phone AND tenant = @tenant");
        find.Statement.ShouldBeNull();
        find.Parameters.ShouldBe(new Dictionary<string, string> { ["phone"] = "{{ phone | phone_digits }}" });
        operations[OperationNames.CustomerFindByPhone].IsRead.ShouldBeTrue();
        operations[OperationNames.CustomerListChanged].Sql!.HighWaterMark.ShouldBe("changed_at");
        var log = operations[OperationNames.InteractionLog];
        log.Sql!.Statement.ShouldBe("INSERT INTO calls (id, note) VALUES (@id, @note) RETURNING id");
        log.Sql.Parameters.Keys.ShouldBe(["id", "note"]);
        log.IsRead.ShouldBeFalse();
    }

    [Fact]
    public void A_file_system_binds_csv_writes_with_ordered_columns_and_json_lines_reads()
    {
        _config.Write("systems/drop.yaml", """
            name: drop
            protocol: file
            address: drop
            operations:
              order.create:
                method: POST
                file:
                  format: csv
                  write: "order-{{ externalId }}.csv"
                  columns:
                    order_no: "{{ externalId }}"
                    customer: "{{ customerId }}"
                    total: "{{ total }}"
              customer.listChanged:
                file: { read: "*.jsonl", processedFolder: done }
                response: { fields: { externalId: $.id } }
              order.listChanged:
                file: { format: csv, read: "orders-*.csv" }
            """);

        var operations = _config.Valid().Systems.ShouldHaveSingleItem().Operations;

        var write = operations[OperationNames.OrderCreate].File!;
        write.Format.ShouldBe(FileFormat.Csv);
        write.Write.ShouldBe("order-{{ externalId }}.csv");
        write.Columns.Select(c => c.Key).ShouldBe(["order_no", "customer", "total"]);
        write.Columns[2].Value.ShouldBe("{{ total }}");
        operations[OperationNames.OrderCreate].IsRead.ShouldBeFalse();
        var read = operations[OperationNames.CustomerListChanged].File!;
        read.Format.ShouldBe(FileFormat.JsonLines);
        read.Read.ShouldBe("*.jsonl");
        read.Write.ShouldBeNull();
        read.Columns.ShouldBeEmpty();
        read.ProcessedFolder.ShouldBe("done");
        operations[OperationNames.OrderListChanged].File!.ProcessedFolder.ShouldBe("processed");
        operations[OperationNames.OrderListChanged].IsRead.ShouldBeTrue();
    }
}
