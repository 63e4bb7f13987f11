using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Crm.Cases;
using Switchboard.Demo.Crm.Contacts;

namespace Switchboard.Demo.Crm.Pages;

/// <summary>
/// The CRM's own screens, read-only: <c>/contacts/{id}</c> and <c>/cases/{caseNumber}</c>, where the agent desktop's links
/// lead. Outside /api, so a browser opens them without the API key (the demo listens on 127.0.0.1 only).
/// </summary>
internal static class RecordPages
{
    public static void MapRecordPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/contacts/{id}", (ContactStore store, string id) =>
            store.Find(id) is { } c
                ? Page($"Contact {c.Id}", [
                    ("Name", $"{c.FirstName} {c.LastName}".Trim()), ("Account", c.AccountName), ("Phone", c.Phone), ("Mobile", c.MobilePhone),
                    ("Email", c.Email), ("Language", c.PreferredLanguage), ("Modified", c.LastModified.ToString("u", CultureInfo.InvariantCulture))])
                : NotFound($"No contact {id}"));
        routes.MapGet("/cases/{caseNumber}", (CaseStore store, string caseNumber) =>
            store.Find(caseNumber) is { } c
                ? Page($"Case {c.CaseNumber}", [
                    ("Subject", c.Subject), ("Status", c.Status), ("Priority", c.Priority), ("Contact", c.ContactId), ("Description", c.Description),
                    ("Created", c.CreatedDate.ToString("u", CultureInfo.InvariantCulture))])
                : NotFound($"No case {caseNumber}"));
    }

    private static IResult NotFound(string title) => Page(title, [], StatusCodes.Status404NotFound);

    private static IResult Page(string title, IReadOnlyList<(string Label, string? Value)> rows, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(HtmlEncoder.Default.Encode(title)).Append(" · Demo CRM</title></head><body><h1>")
            .Append(HtmlEncoder.Default.Encode(title)).Append("</h1><dl>");
        foreach (var (label, value) in rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)))
        {
            html.Append("<dt>").Append(HtmlEncoder.Default.Encode(label)).Append("</dt><dd>").Append(HtmlEncoder.Default.Encode(value!)).Append("</dd>");
        }

        return Results.Content(html.Append("</dl></body></html>").ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
