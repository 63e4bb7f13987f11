namespace Switchboard.ScreenPop.Tests.Support;

/// <summary>The people of the stub systems and their answers, in each system's own JSON.</summary>
public static class Callers
{
    /// <summary>Anna Schmidt, Berlin, known to both systems.</summary>
    public const string AnnaPhone = "+49301234567";

    /// <summary>The Müllers' shared office number.</summary>
    public const string OfficePhone = "+4940555123";

    /// <summary>Maria Weber, Munich, who placed order SO-777 (known to the ERP only).</summary>
    public const string MariaPhone = "+4989765432";

    public const string AnnaInCrm = """
        { "id": "C-1", "firstName": "Anna", "lastName": "Schmidt", "account": "Schmidt GmbH", "phone": "030 1234567", "email": "Anna.Schmidt@example.com", "lang": "de-DE" }
        """;

    public const string AnnaInErp = """
        { "no": "E-10", "name": "SCHMIDT  anna", "tel": "+49 30 1234567", "mail": "accounts@schmidt.example" }
        """;

    public const string AnnaCases = """
        { "cases": [
          { "number": "CS-1", "subject": "Delivery late", "status": "open", "priority": "high", "opened": "2025-03-02T09:00:00Z" },
          { "number": "CS-2", "subject": "Invoice copy", "status": "closed", "priority": "low", "opened": "2025-01-10T09:00:00Z" } ] }
        """;

    public const string AnnaOrders = """
        { "items": [
          { "no": "SO-100", "customer": "E-10", "state": "shipped", "total": "120.50", "currency": "EUR", "created": "2025-02-01T10:00:00Z" },
          { "no": "SO-101", "customer": "E-10", "state": "submitted", "total": 80, "currency": "EUR", "created": "2025-03-01T10:00:00Z" } ] }
        """;

    public static string Contacts(params string[] contacts) => "{ \"contacts\": [" + string.Join(",", contacts) + "] }";

    public static string Items(params string[] items) => "{ \"items\": [" + string.Join(",", items) + "] }";

    /// <summary>Anna in both systems, with her cases and orders.</summary>
    public static void StubAnna(PopHarness pop, int crmDelayMs = 0, int erpDelayMs = 0)
    {
        pop.Crm.Answer("/contacts", Contacts(AnnaInCrm), ("phone", AnnaPhone), crmDelayMs);
        pop.Crm.Answer("/contacts/C-1/cases", AnnaCases);
        pop.Erp.Answer("/api/customers", Items(AnnaInErp), ("tel", AnnaPhone), erpDelayMs);
        pop.Erp.Answer("/api/orders", AnnaOrders, ("customer", "E-10"));
    }
}
