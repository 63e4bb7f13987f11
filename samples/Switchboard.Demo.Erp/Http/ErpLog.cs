using Microsoft.Extensions.Logging;

namespace Switchboard.Demo.Erp.Http;

/// <summary>Log messages of the demo ERP (event ids 9200–9299).</summary>
internal static partial class ErpLog
{
    [LoggerMessage(EventId = 9200, Level = LogLevel.Information, Message = "Demo ERP listening on {Address} with {CustomerCount} customers and {OrderCount} orders")]
    public static partial void Listening(ILogger logger, string address, int customerCount, int orderCount);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: missing or wrong X-Api-Key")]
    public static partial void RejectedApiKey(ILogger logger, string method, string path);
}
