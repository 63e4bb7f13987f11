using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Crm.Http;

/// <summary>Log messages of the demo CRM (event ids 9100–9199).</summary>
internal static partial class CrmLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Demo CRM listening on {Address} with {ContactCount} contacts")]
    public static partial void Listening(ILogger logger, string address, int contactCount);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: missing or wrong X-Api-Key")]
    public static partial void RejectedApiKey(ILogger logger, string method, string path);
}
