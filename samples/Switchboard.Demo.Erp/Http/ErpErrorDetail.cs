namespace Switchboard.Demo.Erp.Http;

/// <summary>The inside of the ERP's error body: the HTTP status repeated, and a line of text.</summary>
internal sealed record ErpErrorDetail(int Code, string Text);
