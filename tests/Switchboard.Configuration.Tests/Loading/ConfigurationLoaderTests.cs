using Switchboard.Configuration.Tests.Support;

namespace Switchboard.Configuration.Tests.Loading;

public sealed class ConfigurationLoaderTests : IDisposable
{
    private readonly ConfigDirectory _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void A_missing_directory_is_an_error()
    {
        var missing = Path.Combine(_config.Path, "nope");

        var result = ConfigurationLoader.Load(missing);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ShouldBeAt(string.Empty, 0, 0, string.Empty, missing,
            "is not a configuration directory that exists");
    }

    [Fact]
    public void A_missing_hub_file_is_an_error()
    {
        using var config = new ConfigDirectory(withHubFile: false);

        var error = config.SingleError();

        error.ShouldBeAt("switchboard.yaml", 0, 0, string.Empty, null,
            "is missing; the configuration directory needs one (an empty file takes every default)");
        error.ToString().ShouldBe("switchboard.yaml: is missing; the configuration directory needs one (an empty file takes every default)");
    }

    [Fact]
    public void A_yaml_syntax_error_carries_the_parser_position()
    {
        _config.Write("systems/crm.yaml", """
            name: crm
            address: a: b
            """);

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 2, 11, string.Empty, null,
            "YAML syntax error: While scanning a plain scalar value, found invalid mapping.");
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_syntax_error_near_where_it_stops()
    {
        _config.Write("flows/x.yaml", "name: x\nsystems: [a, b\ncapability: screenPop");

        var error = _config.SingleError();

        error.File.ShouldBe("flows/x.yaml");
        error.Line.ShouldBe(2);
        error.Reason.ShouldStartWith("YAML syntax error");
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error()
    {
        _config.Write("switchboard.yaml", "hub:\n  name: a\n  name: b");

        _config.SingleError().ShouldBeAt("switchboard.yaml", 3, 3, string.Empty, null, "YAML syntax error: Duplicate key name");
    }

    [Fact]
    public void A_file_that_is_a_list_is_refused()
    {
        _config.Write("systems/crm.yaml", "- name: crm");

        _config.SingleError().ShouldBeAt("systems/crm.yaml", 1, 1, string.Empty, null,
            "the file should be a mapping of fields (key: value lines)");
    }

    [Fact]
    public void A_second_document_in_a_file_is_refused()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem + "\n---\nname: erp");

        var error = _config.SingleError();

        error.File.ShouldBe("systems/crm.yaml");
        error.Line.ShouldBe(11);
        error.Reason.ShouldBe("starts a second YAML document ('---'); a file holds one document");
    }

    [Fact]
    public void Duplicate_system_names_name_both_files()
    {
        _config.Write("systems/a.yaml", ConfigDirectory.MinimalSystem);
        _config.Write("systems/b.yaml", ConfigDirectory.MinimalSystem);

        _config.SingleError().ShouldBeAt("systems/b.yaml", 1, 7, "name", "crm",
            "is already the name of the system in systems/a.yaml; system names must be unique");
    }

    [Fact]
    public void Duplicate_flow_names_name_both_files()
    {
        _config.Write("flows/a.yaml", "name: pop\ncapability: screenPop");
        _config.Write("flows/b.yml", "capability: screenPop\nname: pop");

        _config.SingleError().ShouldBeAt("flows/b.yml", 2, 7, "name", "pop",
            "is already the name of the flow in flows/a.yaml; flow names must be unique");
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_at_once_in_file_and_line_order()
    {
        _config.Write("switchboard.yaml", "server:\n  httpsPort: abc\nlogging:\n  level: loud");
        _config.Write("systems/crm.yaml", "name: crm\nprotocol: rest\naddress: nowhere\nconcurrency: lots");
        _config.Write("systems/erp.yaml", "name: erp\nprotocol: [rest]\nadress: x");
        _config.Write("flows/pop.yaml", "name: pop\ncapability: screenPop\nsystems: [crm, ghost]");
        _config.Write("flows/broken.yaml", "name: [");

        var errors = _config.Load().Errors.Select(e => $"{e.File}:{e.Line}:{e.Column} {e.Field}").ToList();

        errors.ShouldBe([
            "flows/broken.yaml:2:1 ",
            "flows/pop.yaml:3:16 systems[1]",
            "switchboard.yaml:2:14 server.httpsPort",
            "switchboard.yaml:4:10 logging.level",
            "systems/crm.yaml:3:10 address",
            "systems/crm.yaml:4:14 concurrency",
            "systems/erp.yaml:1:1 address",
            "systems/erp.yaml:2:11 protocol",
            "systems/erp.yaml:3:1 adress",
        ]);
    }

    [Fact]
    public void Files_other_than_yaml_are_ignored()
    {
        _config.Write("systems/README.md", "# notes");
        _config.Write("systems/crm.yaml.bak", "not: [valid");

        _config.Valid().Systems.ShouldBeEmpty();
    }

    [Fact]
    public void The_fingerprint_changes_with_the_content_and_only_then()
    {
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem);
        var first = _config.Valid().Fingerprint;
        var again = _config.Valid().Fingerprint;
        _config.Write("systems/crm.yaml", ConfigDirectory.MinimalSystem.Replace("mode: on", "mode: off", StringComparison.Ordinal));
        var changed = _config.Valid().Fingerprint;

        first.Length.ShouldBe(64);
        again.ShouldBe(first);
        changed.ShouldNotBe(first);
    }

    [Fact]
    public void Null_values_mean_the_default()
    {
        _config.Write("switchboard.yaml", "hub:\n  name: ~\nserver:\n  httpsPort:\nlogging: null");

        var configuration = _config.Valid();

        configuration.Hub.Name.ShouldBe("Switchboard");
        configuration.Server.HttpsPort.ShouldBe(5443);
    }

    [Fact]
    public void Systems_and_flows_are_in_file_name_order()
    {
        _config.Write("systems/b.yaml", ConfigDirectory.MinimalSystem.Replace("name: crm", "name: zeta", StringComparison.Ordinal));
        _config.Write("systems/a.yaml", ConfigDirectory.MinimalSystem.Replace("name: crm", "name: alpha", StringComparison.Ordinal));

        _config.Valid().Systems.Select(s => s.Name).ShouldBe(["alpha", "zeta"]);
    }
}
