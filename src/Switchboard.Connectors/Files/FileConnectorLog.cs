using Microsoft.Extensions.Logging;

namespace Switchboard.Connectors.Files;

internal static partial class FileConnectorLog
{
    [LoggerMessage(EventId = 7500, Level = LogLevel.Debug, Message = "{System} {Operation}: wrote {File} ({Characters} characters)")]
    public static partial void Wrote(this ILogger logger, string system, string operation, string file, int characters);

    [LoggerMessage(EventId = 7501, Level = LogLevel.Debug, Message = "{System} {Operation}: read {Files} files into {Records} records and moved them to the processed folder")]
    public static partial void Read(this ILogger logger, string system, string operation, int files, int records);
}
