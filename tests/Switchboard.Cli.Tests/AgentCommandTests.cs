using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

/// <summary>
/// The password arrives on standard input (<c>--password-stdin</c>), so these tests swap Console.In;
/// they sit in one class and so never run in parallel with each other.
/// </summary>
public sealed class AgentCommandTests
{
    [Fact]
    public async Task An_account_is_created_from_a_password_on_stdin_listed_and_disabled()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));

        var created = await WithStdin("correct horse battery\n",
            () => CliRun.InvokeAsync("agent", "create", "--config", directory.Path, "--username", "Li.Wei", "--name", "李伟", "--agent-id", "agent-7", "--password-stdin"));
        created.ExitCode.ShouldBe(0, created.Error);
        created.Output.Trim().ShouldBe("Created account li.wei for agent agent-7 (agent).");

        var listed = await CliRun.InvokeAsync("agent", "list", "--config", directory.Path);
        listed.ExitCode.ShouldBe(0, listed.Error);
        listed.Output.ShouldContain("li.wei");
        listed.Output.ShouldContain("李伟");
        listed.Output.ShouldContain("agent-7");
        listed.Output.ShouldContain("active");
        listed.Output.ShouldNotContain("correct horse");
        listed.Output.ShouldNotContain("pbkdf2");

        var disabled = await CliRun.InvokeAsync("agent", "disable", "--config", directory.Path, "LI.WEI");
        disabled.ExitCode.ShouldBe(0, disabled.Error);
        disabled.Output.Trim().ShouldBe("Disabled li.wei.");
        (await CliRun.InvokeAsync("agent", "list", "--config", directory.Path)).Output.ShouldContain("disabled");

        var again = await CliRun.InvokeAsync("agent", "disable", "--config", directory.Path, "li.wei");
        again.ExitCode.ShouldBe(1);
        again.Error.Trim().ShouldBe("No enabled account has username 'li.wei'.");
    }

    [Fact]
    public async Task A_weak_password_and_a_bad_role_are_refused_and_nothing_is_created()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));

        var run = await WithStdin("short\n",
            () => CliRun.InvokeAsync("agent", "create", "--config", directory.Path, "--username", "alice", "--name", "Alice", "--agent-id", "agent-1", "--role", "system", "--password-stdin"));

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("role: 'system' is not a role an account can hold");
        run.Error.ShouldContain("password: must be at least 12 characters");
        run.Error.ShouldNotContain("short");
        (await CliRun.InvokeAsync("agent", "list", "--config", directory.Path)).Output.Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_second_account_for_the_same_agent_id_is_refused_naming_the_first()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));
        string[] create = ["agent", "create", "--config", directory.Path, "--name", "Someone", "--agent-id", "agent-7", "--password-stdin", "--username"];

        (await WithStdin("correct horse battery\n", () => CliRun.InvokeAsync([.. create, "alice"]))).ExitCode.ShouldBe(0);
        var second = await WithStdin("correct horse battery\n", () => CliRun.InvokeAsync([.. create, "bob"]));

        second.ExitCode.ShouldBe(1);
        second.Error.Trim().ShouldBe("agentId: 'agent-7' is already assigned to account 'alice'");
    }

    [Fact]
    public async Task A_password_can_be_set_again_from_stdin()
    {
        using var directory = new TempDirectory();
        directory.Write("switchboard.yaml", TestHub.HubYaml(TestStorage.Sqlite, "UNUSED"));
        await WithStdin("correct horse battery\n",
            () => CliRun.InvokeAsync("agent", "create", "--config", directory.Path, "--username", "alice", "--name", "Alice", "--agent-id", "agent-1", "--password-stdin"));

        var set = await WithStdin("another long passphrase\n",
            () => CliRun.InvokeAsync("agent", "set-password", "--config", directory.Path, "alice", "--password-stdin"));
        var unknown = await WithStdin("another long passphrase\n",
            () => CliRun.InvokeAsync("agent", "set-password", "--config", directory.Path, "nobody", "--password-stdin"));

        set.ExitCode.ShouldBe(0, set.Error);
        set.Output.Trim().ShouldBe("Set the password of alice.");
        unknown.ExitCode.ShouldBe(1);
        unknown.Error.Trim().ShouldBe("No account has username 'nobody'.");
    }

    private static async Task<CliRun> WithStdin(string input, Func<Task<CliRun>> run)
    {
        var original = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return await run();
        }
        finally
        {
            Console.SetIn(original);
        }
    }
}
