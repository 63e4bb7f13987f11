namespace Switchboard.Demo.Erp.Http;

/// <summary>The ERP's error body: <c>{ "error": { "code": 404, "text": "..." } }</c>.</summary>
internal sealed record ErpError(ErpErrorDetail Error)
{
    public static ErpError Of(int code, string text) => new(new ErpErrorDetail(code, text));
}
