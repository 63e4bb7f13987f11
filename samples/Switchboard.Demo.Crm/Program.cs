using System.Globalization;
using Switchboard.Demo.Crm;

// Standalone: dotnet run --project samples/Switchboard.Demo.Crm -- --port 5081 --api-key demo-crm-key
var options = new DemoCrmOptions { ConfigureLogging = logging => logging.AddSimpleConsole(c => c.SingleLine = true) };
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options.Port = port;
            i++;
            break;
        case "--api-key" when value is not null:
            options.ApiKey = value;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"Unknown or incomplete argument '{args[i]}'. Usage: [--port <0-65535>] [--api-key <key>]");
            return 2;
    }
}

await using var app = DemoCrmApp.Build(options);
await app.RunAsync();
return 0;
