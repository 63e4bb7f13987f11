using System.Globalization;
using Switchboard.Ingress.Ami;

namespace Switchboard.Testing.Ami;

/// <summary>
/// An AMI session script (Sessions/*.ami). Paragraphs of <c>Key: Value</c> lines are messages the peer
/// sends; lines starting with '@' are directives:
/// <c>@login</c> wait for the client's Login and answer it (Error and close when the credentials are wrong);
/// <c>@drop</c> close the connection here; <c>@session</c> what the next connection plays;
/// <c>@respond ACTION Success|Error MESSAGE</c> how to answer an action;
/// <c>@raw TEXT</c> one line as is (empty: a blank line); <c>@long KEY BYTES</c> one huge line;
/// <c>@many COUNT LENGTH</c> that many fields; <c>@sleep MS</c>;
/// <c>@on ACTION</c> ... <c>@end</c>: what the peer plays after answering ACTION (a call the hub asked for), where
/// <c>${Field}</c> is the action's field (<c>${ChannelId}</c>, <c>${Exten}</c>). '#' starts a comment line.
/// </summary>
public sealed class AmiScript
{
    private AmiScript(
        IReadOnlyList<IReadOnlyList<Step>> sessions,
        IReadOnlyDictionary<string, (string Response, string Message)> responses,
        IReadOnlyDictionary<string, IReadOnlyList<Step>> reactions)
    {
        Sessions = sessions;
        Responses = responses;
        Reactions = reactions;
    }

    public IReadOnlyList<IReadOnlyList<Step>> Sessions { get; }

    public IReadOnlyDictionary<string, (string Response, string Message)> Responses { get; }

    /// <summary>Action name to the steps played after answering it (<c>@on</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Step>> Reactions { get; }

    /// <summary>Every event block of every session, in order, as the hub would read them.</summary>
    public IEnumerable<AmiMessage> Events =>
        Sessions.SelectMany(session => session).Where(step => step.Kind == StepKind.Block).Select(step => AmiMessage.Parse(step.Text));

    public static AmiScript Load(string fileName) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ami", "Sessions", fileName)));

    public static AmiScript Parse(string text)
    {
        var sessions = new List<IReadOnlyList<Step>>();
        var responses = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        var reactions = new Dictionary<string, IReadOnlyList<Step>>(StringComparer.OrdinalIgnoreCase);
        var steps = new List<Step>();
        (string Action, List<Step> Outer)? reacting = null;
        var block = new List<string>();

        void Flush()
        {
            if (block.Count > 0)
            {
                steps.Add(new Step(StepKind.Block, string.Join("\n", block)));
                block.Clear();
            }
        }

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (!line.StartsWith('@'))
            {
                if (line.Trim().Length == 0)
                {
                    Flush();
                }
                else
                {
                    block.Add(line);
                }

                continue;
            }

            Flush();
            var parts = line[1..].Split(' ', 2);
            var argument = parts.Length > 1 ? parts[1] : string.Empty;
            switch (parts[0])
            {
                case "session":
                    sessions.Add(steps);
                    steps = [];
                    break;
                case "on" when reacting is null:
                    reacting = (argument.Trim(), steps);
                    steps = [];
                    break;
                case "end" when reacting is { } open:
                    reactions[open.Action] = steps;
                    steps = open.Outer;
                    reacting = null;
                    break;
                case "respond":
                    var words = argument.Split(' ', 3);
                    responses[words[0]] = (words[1], words.Length > 2 ? words[2] : string.Empty);
                    break;
                case "login":
                    steps.Add(new Step(StepKind.Login, string.Empty));
                    break;
                case "drop":
                    steps.Add(new Step(StepKind.Drop, string.Empty));
                    break;
                case "raw":
                    steps.Add(new Step(StepKind.Raw, argument));
                    break;
                case "long":
                    var (key, bytes) = Split(argument);
                    steps.Add(new Step(StepKind.Raw, key + ": " + new string('X', bytes)));
                    break;
                case "many":
                    var (count, length) = Split(argument);
                    steps.AddRange(Enumerable.Range(0, int.Parse(count, CultureInfo.InvariantCulture))
                        .Select(i => new Step(StepKind.Raw, $"Field{i}: {new string('y', length)}")));
                    break;
                case "sleep":
                    steps.Add(new Step(StepKind.Sleep, argument));
                    break;
                default:
                    throw new FormatException($"Unknown directive '{line}'.");
            }
        }

        Flush();
        if (reacting is not null)
        {
            throw new FormatException($"'@on {reacting.Value.Action}' has no '@end'.");
        }

        sessions.Add(steps);
        return new AmiScript(sessions, responses, reactions);
    }

    private static (string First, int Number) Split(string argument)
    {
        var words = argument.Split(' ', 2);
        return (words[0], int.Parse(words[1], CultureInfo.InvariantCulture));
    }

    public enum StepKind
    {
        Block,
        Login,
        Drop,
        Raw,
        Sleep,
    }

    public sealed record Step(StepKind Kind, string Text);
}
