using System.Security.Cryptography;
using System.Text;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Ami;

/// <summary>
/// Event ids made from the AMI data alone, so the same AMI event seen again (a replay after a reconnect)
/// gives the same id and the journal keeps it once: <c>ami:{system}:{call or agent}:{Event}:{leg}:{Timestamp}:{type}</c>.
/// Without a Timestamp (timestampevents = no, or a list reply such as QueueMember) a hash of the event's
/// fields stands in for it.
/// </summary>
internal static class AmiEventIds
{
    private static readonly HashSet<string> Volatile = new(["Privilege", "ActionID", "Timestamp"], StringComparer.OrdinalIgnoreCase);

    public static string For(string system, string scope, AmiMessage message, string leg, string type)
    {
        var stamp = message["Timestamp"] is { Length: > 0 } timestamp ? timestamp : "h" + Hash(message);
        var id = $"ami:{system}:{scope}:{message.Event}:{leg}:{stamp}:{type}";
        return id.Length <= ContactCenterEventValidator.MaxIdLength ? id : $"ami:{system}:h:{HashText(id)}";
    }

    private static string Hash(AmiMessage message)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in message.Fields.Where(field => !Volatile.Contains(field.Key)))
        {
            text.Append(key).Append('\n').Append(value).Append('\n');
        }

        return HashText(text.ToString())[..16];
    }

    private static string HashText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
