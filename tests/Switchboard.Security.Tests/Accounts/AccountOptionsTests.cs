using Microsoft.Extensions.DependencyInjection;
using Switchboard.Security.Accounts;
using Switchboard.Storage.Migrations;

namespace Switchboard.Security.Tests.Accounts;

public sealed class AccountOptionsTests
{
    [Fact]
    public void The_defaults_are_600000_iterations_and_a_15_minute_lock_after_5_failures()
    {
        var options = new AccountOptions();

        options.PasswordIterations.ShouldBe(600_000);
        options.MaxFailedLogins.ShouldBe(5);
        options.LockoutDuration.ShouldBe(TimeSpan.FromMinutes(15));
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Out_of_range_options_are_refused_at_registration_all_at_once()
    {
        var refused = Should.Throw<ArgumentException>(() => new ServiceCollection().AddAgentAccounts(o =>
        {
            o.PasswordIterations = 10;
            o.MaxFailedLogins = 0;
            o.LockoutDuration = TimeSpan.Zero;
        }));

        refused.Message.ShouldContain(nameof(AccountOptions.PasswordIterations));
        refused.Message.ShouldContain(nameof(AccountOptions.MaxFailedLogins));
        refused.Message.ShouldContain(nameof(AccountOptions.LockoutDuration));
    }

    [Fact]
    public void Registering_twice_adds_the_accounts_migration_once()
    {
        var services = new ServiceCollection().AddAgentAccounts().AddAgentAccounts();

        services.Count(d => d.ServiceType == typeof(IMigrationSource)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(AccountService)).ShouldBe(1);
    }
}
