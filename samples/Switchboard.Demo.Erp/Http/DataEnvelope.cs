namespace Switchboard.Demo.Erp.Http;

/// <summary>The ERP wraps every answer in <c>{ "data": ... }</c>.</summary>
internal sealed record DataEnvelope<T>(T Data);
