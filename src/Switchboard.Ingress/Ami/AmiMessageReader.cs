namespace Switchboard.Ingress.Ami;

/// <summary>
/// Assembles lines into messages: <c>Key: Value</c> lines ended by a blank line. A message over the size
/// limit, or one that is neither an event nor a response, is skipped whole and reported by reason.
/// The old <c>Response: Follows</c> form (raw command output up to <c>--END COMMAND--</c>) is kept as
/// <c>Output</c> lines, like the newer form Asterisk sends.
/// </summary>
internal sealed class AmiMessageReader(AmiLineReader lines, int maxMessageBytes)
{
    private const string EndCommand = "--END COMMAND--";

    public async ValueTask<AmiReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var size = 0;
        var oversize = false;
        var follows = false;
        while (true)
        {
            var line = await lines.ReadLineAsync(cancellationToken);
            if (line.IsEnd)
            {
                return AmiReadResult.End;
            }

            if (line.IsTooLong)
            {
                oversize = true;
                continue;
            }

            var text = line.Text!;
            if (text.Length == 0 && !follows)
            {
                if (oversize)
                {
                    return AmiReadResult.Rejected("oversize");
                }

                if (fields.Count == 0)
                {
                    continue;
                }

                var message = new AmiMessage(fields);
                return message.IsEvent || message.Response is not null ? new AmiReadResult(message, null) : AmiReadResult.Rejected("malformed");
            }

            size += text.Length + 2;
            if (size > maxMessageBytes)
            {
                oversize = true;
                fields.Clear();
            }

            if (oversize)
            {
                continue;
            }

            if (follows)
            {
                if (text.EndsWith(EndCommand, StringComparison.Ordinal))
                {
                    follows = false;
                    text = text[..^EndCommand.Length];
                    if (text.Length == 0)
                    {
                        continue;
                    }
                }

                var header = AmiMessage.SplitLine(text);
                fields.Add(header.Key is "ActionID" or "Privilege" or "Message" ? header : new("Output", text));
                continue;
            }

            var field = AmiMessage.SplitLine(text);
            fields.Add(field);
            follows = fields.Count == 1 && field.Key.Equals("Response", StringComparison.OrdinalIgnoreCase)
                && field.Value.Equals("Follows", StringComparison.OrdinalIgnoreCase);
        }
    }
}

internal readonly record struct AmiReadResult(AmiMessage? Message, string? RejectedReason, bool IsEnd = false)
{
    public static readonly AmiReadResult End = new(null, null, IsEnd: true);

    public static AmiReadResult Rejected(string reason) => new(null, reason);
}
