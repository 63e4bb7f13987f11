using Switchboard.Security.Accounts;

namespace Switchboard.Security.Tests.Accounts;

/// <summary>Every reason an account is refused, word for word: the CLI and the endpoints show them as they are.</summary>
public sealed class AccountValidationTests
{
    private const string Good = "correct horse battery";

    [Theory]
    [InlineData(null, "username: is required")]
    [InlineData("", "username: is required")]
    [InlineData("a", "username: 'a' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit")]
    [InlineData(".alice", "username: '.alice' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit")]
    [InlineData("li wei", "username: 'li wei' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit")]
    [InlineData("alice\n", "username: 'alice\n' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit")]
    [InlineData("李伟", "username: '李伟' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit")]
    public void A_bad_username_is_refused_with_the_rule(string? username, string message)
    {
        Single(AccountService.Validate(username, "Alice", "agent-7", Roles.Agent, Good)).ShouldBe(message);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("Li.Wei")]
    [InlineData("li_wei-2@callcenter.example")]
    [InlineData("42")]
    public void Usernames_of_letters_digits_and_punctuation_are_accepted(string username)
    {
        AccountService.Validate(username, "Alice", "agent-7", Roles.Agent, Good).ShouldBeEmpty();
    }

    [Fact]
    public void A_username_longer_than_64_characters_is_refused()
    {
        Single(AccountService.Validate(new string('a', 65), "Alice", "agent-7", Roles.Agent, Good))
            .ShouldEndWith("' must be 2 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
        AccountService.Validate(new string('a', 64), "Alice", "agent-7", Roles.Agent, Good).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "displayName: is required")]
    [InlineData("  ", "displayName: is required")]
    public void A_missing_display_name_is_refused(string? displayName, string message)
    {
        Single(AccountService.Validate("alice", displayName, "agent-7", Roles.Agent, Good)).ShouldBe(message);
    }

    [Fact]
    public void A_display_name_longer_than_100_characters_is_refused()
    {
        Single(AccountService.Validate("alice", new string('x', 101), "agent-7", Roles.Agent, Good))
            .ShouldBe($"displayName: '{new string('x', 40)}…' is longer than 100 characters");
    }

    [Theory]
    [InlineData(null, "agentId: is required")]
    [InlineData("", "agentId: is required")]
    [InlineData("agent 7", "agentId: 'agent 7' must not contain spaces or control characters")]
    [InlineData("agent\t7", "agentId: 'agent\t7' must not contain spaces or control characters")]
    public void A_bad_agent_id_is_refused(string? agentId, string message)
    {
        Single(AccountService.Validate("alice", "Alice", agentId, Roles.Agent, Good)).ShouldBe(message);
    }

    [Fact]
    public void An_agent_id_longer_than_64_characters_is_refused()
    {
        Single(AccountService.Validate("alice", "Alice", new string('7', 65), Roles.Agent, Good))
            .ShouldBe($"agentId: '{new string('7', 40)}…' is longer than 64 characters");
    }

    [Theory]
    [InlineData(null, "role: is not a role an account can hold; roles are admin, integrator, supervisor, agent, auditor")]
    [InlineData("root", "role: 'root' is not a role an account can hold; roles are admin, integrator, supervisor, agent, auditor")]
    [InlineData("system", "role: 'system' is not a role an account can hold; roles are admin, integrator, supervisor, agent, auditor")]
    [InlineData("Agent", "role: 'Agent' is not a role an account can hold; roles are admin, integrator, supervisor, agent, auditor")]
    public void A_role_that_is_not_for_people_is_refused(string? role, string message)
    {
        Single(AccountService.Validate("alice", "Alice", "agent-7", role, Good)).ShouldBe(message);
    }

    [Theory]
    [InlineData(null, "password: is required")]
    [InlineData("", "password: is required")]
    [InlineData("elevenchars", "password: must be at least 12 characters")]
    public void A_weak_or_broken_password_is_refused_without_echoing_it(string? password, string message)
    {
        var error = AccountService.Validate("alice", "Alice", "agent-7", Roles.Agent, password).Single();

        error.ToString().ShouldBe(message);
        error.Value.ShouldBeNull();
    }

    [Fact]
    public void A_password_with_a_lone_surrogate_is_refused_as_broken_text()
    {
        // Built in code: xUnit would replace the lone surrogate when it serializes an InlineData argument.
        var broken = "abcdefghijklmn" + '\ud800';

        AccountService.Validate("alice", "Alice", "agent-7", Roles.Agent, broken).Single().ToString()
            .ShouldBe("password: contains an invalid character");
    }

    [Fact]
    public void Passwords_from_12_to_256_characters_are_accepted_counting_characters_not_bytes()
    {
        PasswordPolicy.Check(new string('x', 12)).ShouldBeNull();
        PasswordPolicy.Check(new string('x', 256)).ShouldBeNull();
        PasswordPolicy.Check(new string('x', 257)).ShouldBe("must be at most 256 characters");
        PasswordPolicy.Check("我的密码是很长的一句话啊").ShouldBeNull();
        PasswordPolicy.Check("我的密码是很长的一句话").ShouldBe("must be at least 12 characters");
        // Twelve emoji are 24 UTF-16 units but twelve characters.
        PasswordPolicy.Check(string.Concat(Enumerable.Repeat("😀", 11))).ShouldBe("must be at least 12 characters");
        PasswordPolicy.Check(string.Concat(Enumerable.Repeat("😀", 12))).ShouldBeNull();
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = AccountService.Validate("", "", "", "root", "short");

        errors.Select(e => e.Field).ShouldBe(["username", "displayName", "agentId", "role", "password"]);
    }

    [Fact]
    public void An_agent_may_use_the_desktop_and_an_auditor_may_not()
    {
        RolePermissions.Grants([Roles.Agent], Permission.DesktopUse).ShouldBeTrue();
        RolePermissions.Grants([Roles.Admin], Permission.DesktopUse).ShouldBeTrue();
        RolePermissions.Grants([Roles.Auditor], Permission.DesktopUse).ShouldBeFalse();
        RolePermissions.Grants([Roles.System], Permission.DesktopUse).ShouldBeFalse();
    }

    private static string Single(IReadOnlyList<Switchboard.Core.Common.FieldError> errors)
    {
        errors.Count.ShouldBe(1, string.Join(" | ", errors));
        return errors[0].ToString();
    }
}
