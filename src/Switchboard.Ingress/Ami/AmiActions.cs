using System.Globalization;

namespace Switchboard.Ingress.Ami;

/// <summary>The actions the hub sends, built with their fields checked.</summary>
public static class AmiActions
{
    public static AmiAction Originate(AmiOriginate request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dialplan = request.Exten is not null || request.Context is not null;
        if (dialplan == (request.Application is not null) || (dialplan && (request.Exten is null || request.Context is null)))
        {
            throw new ArgumentException("An Originate goes either to Context and Exten, or to an Application.", nameof(request));
        }

        var action = new AmiAction("Originate").Add("Channel", request.Channel);
        if (dialplan)
        {
            action.Add("Context", request.Context!).Add("Exten", request.Exten!).Add("Priority", request.Priority.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            action.Add("Application", request.Application!).AddIfPresent("Data", request.Data);
        }

        action.AddIfPresent("CallerID", request.CallerId).AddIfPresent("ChannelId", request.ChannelId);
        if (request.Timeout is { } timeout)
        {
            action.Add("Timeout", ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in request.Variables)
        {
            action.Add("Variable", $"{name}={value}");
        }

        return action.Add("Async", request.Async ? "true" : "false");
    }

    /// <summary>Pauses or unpauses a member; without <paramref name="queue"/> in every queue it belongs to.</summary>
    public static AmiAction QueuePause(string memberInterface, bool paused, string? queue = null, string? reason = null) =>
        new AmiAction("QueuePause")
            .Add("Interface", memberInterface)
            .Add("Paused", paused ? "true" : "false")
            .AddIfPresent("Queue", queue)
            .AddIfPresent("Reason", reason);

    public static AmiAction QueueStatus() => new("QueueStatus");
}
