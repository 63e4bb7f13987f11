using System.Text.RegularExpressions;
using Switchboard.Configuration;
using Switchboard.Connectors.Tests.Support;
using Switchboard.Testing;

namespace Switchboard.Connectors.Tests.Docs;

/// <summary>docs/connectors.md shows complete system files; each must load as written, so the guide cannot drift from the code.</summary>
public sealed partial class ConnectorGuideTests
{
    public static TheoryData<string> SystemFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in Blocks().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SystemFiles))]
    public void Every_system_file_in_the_guide_loads_without_errors(string file)
    {
        using var directory = new TempDirectory("switchboard-guide");
        directory.Write("switchboard.yaml", "hub:\n  name: Guide\n");
        directory.Write(file, Blocks()[file]);
        Directory.CreateDirectory(Path.Combine(directory.Path, "drop", "warehouse"));

        var result = ConfigurationLoader.Load(directory.Path);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void The_guide_shows_a_system_file_for_every_protocol()
    {
        var protocols = Blocks().Values.Select(b => ProtocolLine().Match(b).Groups[1].Value).ToHashSet();

        protocols.ShouldBe(["rest", "soap", "amqp", "sql", "file"], ignoreOrder: true);
    }

    private static Dictionary<string, string> Blocks()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "connectors.md"));
        return SystemBlock().Matches(guide).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [GeneratedRegex(@"```yaml\n# system file: (systems/[a-z0-9-]+\.yaml)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SystemBlock();

    [GeneratedRegex(@"^protocol: (\w+)", RegexOptions.Multiline)]
    private static partial Regex ProtocolLine();
}
