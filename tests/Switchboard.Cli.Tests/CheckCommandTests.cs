using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

public sealed class CheckCommandTests
{
    private static string SampleConfiguration => Path.Combine(AppContext.BaseDirectory, "samples", "config");

    [Fact]
    public async Task The_sample_configuration_is_valid_and_every_capability_is_ready()
    {
        var run = await CliRun.InvokeAsync("check", "--config", SampleConfiguration);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("valid");
        run.Output.ShouldContain("screenPop");
        run.Output.ShouldContain("callLogging");
    }

    [Fact]
    public async Task A_missing_operation_is_named_for_its_capability()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", "hub:\n  name: Lonely\n");
        directory.Write("systems/crm.yaml", """
            name: crm
            kind: crm
            protocol: rest
            mode: on
            address: http://127.0.0.1:5081/
            operations:
              interaction.log:
                method: POST
                path: /api/activities
            """);

        var run = await CliRun.InvokeAsync("check", "--config", directory.Path);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("customer.findByPhone");
    }

    [Fact]
    public async Task An_invalid_file_is_reported_with_file_line_field_and_value()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", "hub:\n  name: Broken\nstorage:\n  provider: oracle\n");

        var run = await CliRun.InvokeAsync("check", "--config", directory.Path);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("switchboard.yaml:4");
        run.Error.ShouldContain("provider");
        run.Error.ShouldContain("oracle");
    }
}
