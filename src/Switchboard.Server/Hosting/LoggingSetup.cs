using Switchboard.Configuration;

namespace Switchboard.Server.Hosting;

public static class LoggingSetup
{
    /// <summary>Structured console logs (JSON by default) with scopes, so every line carries its request's correlation id.</summary>
    public static ILoggingBuilder AddHubLogging(this ILoggingBuilder logging, LoggingSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.Level);
        logging.AddFilter("Microsoft.AspNetCore", settings.Level < LogLevel.Warning ? LogLevel.Warning : settings.Level);
        if (settings.Format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        return logging;
    }
}
