namespace Switchboard.Demo.Crm.Http;

/// <summary>The CRM's error body: <c>{ "errorCode": "NOT_FOUND", "message": "..." }</c>.</summary>
internal sealed record CrmError(string ErrorCode, string Message);
