using Switchboard.Testing;

namespace Switchboard.Cli.Tests;

/// <summary><c>switchboard call</c> and <c>check --live</c> when things go wrong: the user is told what and why.</summary>
public sealed class CallCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly int _port = TestHub.UnusedPort();

    public CallCommandTests()
    {
        _directory.Write("switchboard.yaml", "hub:\n  name: Calls\n");
        _directory.Write("systems/crm.yaml", $$$"""
            name: crm
            protocol: rest
            mode: off
            address: http://127.0.0.1:{{{_port}}}/
            allowPrivateNetworks: true
            retry: { maxAttempts: 1 }
            operations:
              customer.findByPhone:
                path: /api/contacts?phone={{ phone | url_encode }}
                response: { items: "$[*]", fields: { externalId: $.id } }
              customer.get:
                path: /api/contacts/{{ externalId | url_encode }}
            """);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_call_to_a_system_that_is_down_fails_with_the_request_and_the_reason()
    {
        var run = await CliRun.InvokeAsync("call", "--config", _directory.Path, "crm", "customer.findByPhone", "--arg", "phone=+4930123");

        run.ExitCode.ShouldBe(1, run.Output + run.Error);
        run.Output.ShouldContain($"> GET http://127.0.0.1:{_port}/api/contacts?phone=%2B4930123");
        run.Output.ShouldContain($"! FAILED (Transport): crm customer.findByPhone: connection refused by 127.0.0.1:{_port}");
    }

    [Fact]
    public async Task A_call_names_the_operations_a_system_defines_when_asked_for_another()
    {
        var run = await CliRun.InvokeAsync("call", "--config", _directory.Path, "crm", "order.get");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldContain("crm does not define 'order.get' (it defines customer.findByPhone, customer.get)");
    }

    [Fact]
    public async Task A_bad_json_argument_is_refused_before_anything_is_called()
    {
        var run = await CliRun.InvokeAsync("call", "--config", _directory.Path, "crm", "customer.get", "--json", "lines=[1,");

        run.ExitCode.ShouldBe(1);
        run.Error.ShouldStartWith("--json lines: '[1,' is not JSON");
    }

    [Fact]
    public async Task A_live_check_skips_what_needs_an_argument_and_fails_what_cannot_connect()
    {
        var run = await CliRun.InvokeAsync("check", "--config", _directory.Path, "--live", "crm", "--arg", "phone=+4930123");

        run.ExitCode.ShouldBe(1, run.Output + run.Error);
        run.Output.ShouldContain("customer.get\n  - skipped: needs --arg externalId=…");
        run.Output.ShouldContain("crm: 0 worked, 1 failed, 1 skipped.");
    }
}
