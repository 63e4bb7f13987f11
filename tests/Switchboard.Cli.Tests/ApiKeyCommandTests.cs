using Switchboard.Security.ApiKeys;
using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

public sealed class ApiKeyCommandTests
{
    [Fact]
    public async Task A_key_is_created_listed_without_its_secret_and_revoked()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));

        var created = await CliRun.InvokeAsync("apikey", "create", "--config", directory.Path, "--name", "asterisk-ingest", "--role", "system");
        created.ExitCode.ShouldBe(0, created.Error);
        var key = created.Output.Trim();
        key.ShouldStartWith("sbk_");
        // The secret is base64url and may hold '_' itself: split the key as the hub does.
        ApiKeyFormat.TryParse(key, out var id, out var secret).ShouldBeTrue();

        var listed = await CliRun.InvokeAsync("apikey", "list", "--config", directory.Path);
        listed.Output.ShouldContain(id);
        listed.Output.ShouldContain("asterisk-ingest");
        listed.Output.ShouldNotContain(secret);

        (await CliRun.InvokeAsync("apikey", "revoke", "--config", directory.Path, id)).ExitCode.ShouldBe(0);
        (await CliRun.InvokeAsync("apikey", "list", "--config", directory.Path)).Output.ShouldContain("revoked");
        var again = await CliRun.InvokeAsync("apikey", "revoke", "--config", directory.Path, id);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain(id);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_and_nothing_is_created()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));

        var run = await CliRun.InvokeAsync("apikey", "create", "--config", directory.Path, "--name", "x", "--role", "superuser");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("'superuser' is not a role");
        (await CliRun.InvokeAsync("apikey", "list", "--config", directory.Path)).Output.Trim().ShouldBeEmpty();
    }
}
