using Switchboard.Security.Accounts;
using Switchboard.Testing;

namespace Switchboard.Security.Tests.Accounts;

/// <summary>Accounts on real SQLite and PostgreSQL (SWITCHBOARD_TEST_POSTGRES), with a fake clock.</summary>
public sealed class AccountServiceTests
{
    private const string Password = "correct horse battery";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task An_account_signs_in_with_its_username_in_any_case(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);

        var created = await hub.Accounts.CreateAsync("Li.Wei", " 李伟 ", "agent-7", Roles.Agent, Password, Ct);
        var verification = await hub.Accounts.VerifyAsync("LI.WEI", Password, Ct);

        created.Username.ShouldBe("li.wei");
        created.DisplayName.ShouldBe("李伟");
        verification.Succeeded.ShouldBeTrue();
        verification.Failure.ShouldBeNull();
        verification.Account!.ShouldBe(created);
        (await hub.Accounts.GetAsync(created.Id, Ct)).ShouldBe(created);
        created.PasswordHash.ShouldStartWith("pbkdf2-sha256$1000$");
        created.PasswordHash.ShouldNotContain(Password);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_wrong_password_and_an_unknown_username_give_the_same_answer(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        var wrong = await hub.Accounts.VerifyAsync("alice", "not the password", Ct);
        var unknown = await hub.Accounts.VerifyAsync("mallory", Password, Ct);

        wrong.ShouldBe(unknown);
        wrong.Outcome.ShouldBe(AccountVerificationOutcome.InvalidCredentials);
        wrong.Failure.ShouldBe("The username or password is incorrect.");
        wrong.Account.ShouldBeNull();
    }

    [Theory]
    [InlineData("mallory")]
    [InlineData("not a username")]
    [InlineData(null)]
    public async Task An_unknown_username_still_costs_one_password_check(string? username)
    {
        await using var hub = await AccountHub.StartAsync(TestStorage.Sqlite);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);
        var before = hub.Hasher.Verifications;

        (await hub.Accounts.VerifyAsync(username, Password, Ct)).Outcome.ShouldBe(AccountVerificationOutcome.InvalidCredentials);

        hub.Hasher.Verifications.ShouldBe(before + 1);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Five_failures_in_a_row_lock_the_account_for_fifteen_minutes(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        for (var i = 0; i < 5; i++)
        {
            (await hub.Accounts.VerifyAsync("alice", "guess number " + i, Ct)).Outcome.ShouldBe(AccountVerificationOutcome.InvalidCredentials);
        }

        var locked = await hub.Accounts.VerifyAsync("alice", Password, Ct);
        locked.Outcome.ShouldBe(AccountVerificationOutcome.LockedOut);
        locked.LockedUntil.ShouldBe(hub.Clock.GetUtcNow() + TimeSpan.FromMinutes(15));
        locked.Failure.ShouldBe("Too many failed sign-ins: the account is locked until 2026-11-24 10:15:00Z.");

        hub.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        (await hub.Accounts.VerifyAsync("alice", Password, Ct)).Outcome.ShouldBe(AccountVerificationOutcome.LockedOut);

        hub.Clock.Advance(TimeSpan.FromSeconds(1));
        (await hub.Accounts.VerifyAsync("alice", Password, Ct)).Succeeded.ShouldBeTrue();
        (await hub.Accounts.FindAsync("alice", Ct))!.FailedLogins.ShouldBe(0);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_successful_sign_in_starts_the_failure_count_again(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                await hub.Accounts.VerifyAsync("alice", "typo", Ct);
            }

            (await hub.Accounts.FindAsync("alice", Ct))!.FailedLogins.ShouldBe(4);
            (await hub.Accounts.VerifyAsync("alice", Password, Ct)).Succeeded.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_burst_of_parallel_guesses_gets_no_more_password_checks_than_the_limit(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);
        var before = hub.Hasher.Verifications;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => hub.Accounts.VerifyAsync("alice", "guess " + i, Ct))));

        (hub.Hasher.Verifications - before).ShouldBeLessThanOrEqualTo(5);
        results.Count(r => r.Outcome == AccountVerificationOutcome.LockedOut).ShouldBeGreaterThanOrEqualTo(15);
        results.ShouldAllBe(r => !r.Succeeded);
        (await hub.Accounts.VerifyAsync("alice", Password, Ct)).Outcome.ShouldBe(AccountVerificationOutcome.LockedOut);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_username_taken_in_another_case_is_refused(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        var refused = await Should.ThrowAsync<AccountValidationException>(
            () => hub.Accounts.CreateAsync("ALICE", "Alice Two", "agent-2", Roles.Agent, Password, Ct));

        refused.Errors.Select(e => e.ToString()).ShouldBe(["username: 'alice' is already taken"]);
        refused.Message.ShouldBe("The account is not valid: username: 'alice' is already taken");
        (await hub.Accounts.ListAsync(Ct)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task An_agent_id_held_by_an_enabled_account_is_refused_and_freed_when_it_is_disabled(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-7", Roles.Agent, Password, Ct);

        var refused = await Should.ThrowAsync<AccountValidationException>(
            () => hub.Accounts.CreateAsync("bob", "Bob", "agent-7", Roles.Agent, Password, Ct));
        refused.Errors.Select(e => e.ToString()).ShouldBe(["agentId: 'agent-7' is already assigned to account 'alice'"]);

        (await hub.Accounts.DisableAsync("Alice", Ct)).ShouldBeTrue();
        var bob = await hub.Accounts.CreateAsync("bob", "Bob", "agent-7", Roles.Agent, Password, Ct);
        bob.AgentId.ShouldBe("agent-7");
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task The_database_refuses_a_duplicate_that_slips_past_the_checks(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        var alice = await hub.Accounts.CreateAsync("alice", "Alice", "agent-7", Roles.Agent, Password, Ct);

        await Should.ThrowAsync<System.Data.Common.DbException>(() => hub.Store.InsertAsync(alice with { Id = "another" }, Ct));
        await Should.ThrowAsync<System.Data.Common.DbException>(
            () => hub.Store.InsertAsync(alice with { Id = "another", Username = "bob" }, Ct));
        await Should.ThrowAsync<System.Data.Common.DbException>(
            () => hub.Store.InsertAsync(alice with { Id = "another", Username = "Bob", AgentId = "agent-8" }, Ct));
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_weak_password_and_a_taken_username_are_reported_together(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        var refused = await Should.ThrowAsync<AccountValidationException>(
            () => hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, "short", Ct));

        refused.Errors.Select(e => e.ToString()).ShouldBe([
            "password: must be at least 12 characters",
            "username: 'alice' is already taken",
            "agentId: 'agent-1' is already assigned to account 'alice'",
        ]);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_disabled_account_cannot_sign_in_and_says_so_only_to_the_right_password(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);

        (await hub.Accounts.DisableAsync("alice", Ct)).ShouldBeTrue();

        var right = await hub.Accounts.VerifyAsync("alice", Password, Ct);
        right.Outcome.ShouldBe(AccountVerificationOutcome.Disabled);
        right.Failure.ShouldBe("The account is disabled.");
        right.Account.ShouldBeNull();
        (await hub.Accounts.VerifyAsync("alice", "wrong password", Ct)).ShouldBe(AccountVerification.InvalidCredentials);
        (await hub.Accounts.DisableAsync("alice", Ct)).ShouldBeFalse();
        (await hub.Accounts.DisableAsync("nobody", Ct)).ShouldBeFalse();
        (await hub.Accounts.FindAsync("alice", Ct))!.DisabledAt.ShouldBe(hub.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_new_password_replaces_the_old_one_and_lifts_a_lockout(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);
        for (var i = 0; i < 5; i++)
        {
            await hub.Accounts.VerifyAsync("alice", "forgotten", Ct);
        }

        (await hub.Accounts.SetPasswordAsync("ALICE", "a brand new passphrase", Ct)).ShouldBeTrue();

        (await hub.Accounts.VerifyAsync("alice", "a brand new passphrase", Ct)).Succeeded.ShouldBeTrue();
        (await hub.Accounts.VerifyAsync("alice", Password, Ct)).Succeeded.ShouldBeFalse();
        (await hub.Accounts.SetPasswordAsync("nobody", "a brand new passphrase", Ct)).ShouldBeFalse();
        var weak = await Should.ThrowAsync<AccountValidationException>(() => hub.Accounts.SetPasswordAsync("alice", "short", Ct));
        weak.Errors.Select(e => e.ToString()).ShouldBe(["password: must be at least 12 characters"]);
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task A_hash_with_fewer_iterations_than_configured_is_upgraded_at_the_next_sign_in(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("alice", "Alice", "agent-1", Roles.Agent, Password, Ct);
        var stronger = hub.OtherHub(iterations: 2_000);

        (await stronger.VerifyAsync("alice", "wrong password", Ct)).Succeeded.ShouldBeFalse();
        (await hub.Accounts.FindAsync("alice", Ct))!.PasswordHash.ShouldStartWith("pbkdf2-sha256$1000$");

        var verification = await stronger.VerifyAsync("alice", Password, Ct);

        verification.Account!.PasswordHash.ShouldStartWith("pbkdf2-sha256$2000$");
        (await hub.Accounts.FindAsync("alice", Ct))!.PasswordHash.ShouldBe(verification.Account.PasswordHash);
        (await stronger.VerifyAsync("alice", Password, Ct)).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.PostgreSql)]
    public async Task Accounts_are_listed_by_username_with_their_state(TestStorage storage)
    {
        await using var hub = await AccountHub.StartAsync(storage);
        await hub.Accounts.CreateAsync("zhang.san", "张三", "agent-2", Roles.Agent, Password, Ct);
        hub.Clock.Advance(TimeSpan.FromMinutes(1));
        await hub.Accounts.CreateAsync("Alice", "Alice", "sup-1", Roles.Supervisor, Password, Ct);
        await hub.Accounts.DisableAsync("zhang.san", Ct);

        var listed = await hub.Accounts.ListAsync(Ct);

        listed.Select(a => a.Username).ShouldBe(["alice", "zhang.san"]);
        listed[0].Role.ShouldBe(Roles.Supervisor);
        listed[0].CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-11-24T10:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
        listed[0].IsDisabled.ShouldBeFalse();
        listed[1].DisplayName.ShouldBe("张三");
        listed[1].IsDisabled.ShouldBeTrue();
    }
}
