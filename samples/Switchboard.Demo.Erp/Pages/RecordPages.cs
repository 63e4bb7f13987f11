using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Orders;

namespace Switchboard.Demo.Erp.Pages;

/// <summary>
/// The ERP's own screens, read-only: <c>/customers/{customerNo}</c> and <c>/orders/{orderNo}</c>, where the agent desktop's
/// links lead. Outside /api and /soap, so a browser opens them without the API key (the demo listens on 127.0.0.1 only).
/// </summary>
internal static class RecordPages
{
    public static void MapRecordPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/customers/{customerNo}", (CustomerStore store, string customerNo) =>
            store.Find(customerNo) is { } c
                ? Page($"Customer {c.CustomerNo}", [("Name", c.Name), ("Phone", c.Phone), ("Email", c.Email), ("VAT number", c.VatNo), ("Created", Time(c.CreatedAt))])
                : NotFound($"No customer {customerNo}"));
        routes.MapGet("/orders/{orderNo}", (OrderStore store, string orderNo) =>
            store.Find(orderNo) is { } o
                ? Page($"Order {o.OrderNo}", [
                    ("Customer", o.CustomerNo), ("Status", o.Status), ("Total", $"{o.Total} {o.Currency}"),
                    ("Lines", string.Join("; ", o.Lines.Select(l => $"{l.Qty} x {l.Sku}"))), ("Created", Time(o.CreatedAt)), ("Changed", Time(o.ChangedAt))])
                : NotFound($"No order {orderNo}"));
    }

    private static string Time(long epochSeconds) => DateTimeOffset.FromUnixTimeSeconds(epochSeconds).ToString("u", CultureInfo.InvariantCulture);

    private static IResult NotFound(string title) => Page(title, [], StatusCodes.Status404NotFound);

    private static IResult Page(string title, IReadOnlyList<(string Label, string? Value)> rows, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(HtmlEncoder.Default.Encode(title)).Append(" · Demo ERP</title></head><body><h1>")
            .Append(HtmlEncoder.Default.Encode(title)).Append("</h1><dl>");
        foreach (var (label, value) in rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)))
        {
            html.Append("<dt>").Append(HtmlEncoder.Default.Encode(label)).Append("</dt><dd>").Append(HtmlEncoder.Default.Encode(value!)).Append("</dd>");
        }

        return Results.Content(html.Append("</dl></body></html>").ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
