using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Security.ApiKeys;
using Switchboard.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Testing;

namespace Switchboard.Security.Tests.ApiKeys;

/// <summary>API keys on a real SQLite file, with a fake clock for expiry and the cache.</summary>
public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private ServiceProvider _services = null!;
    private ApiKeyService _keys = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSwitchboardStorage(new StorageOptions { SqlitePath = Path.Combine(_directory.Path, "hub.db") })
            .AddSwitchboardSecurity()
            .BuildServiceProvider();
        await _services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
        _keys = _services.GetRequiredService<ApiKeyService>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_issued_key_verifies_with_its_roles_and_only_its_hash_is_stored()
    {
        var issued = await _keys.IssueAsync("crm-webhook", [Roles.System, Roles.System], null, CancellationToken.None);

        var verification = await _keys.VerifyAsync(issued.Key, CancellationToken.None);

        verification.Succeeded.ShouldBeTrue();
        verification.Key!.Roles.ShouldBe([Roles.System]);
        var stored = (await _keys.ListAsync(CancellationToken.None)).Single();
        // The secret is base64url, so it may itself hold '_' (even start with one): it is everything after the id.
        ApiKeyFormat.TryParse(issued.Key, out _, out var secret).ShouldBeTrue();
        secret.Length.ShouldBeGreaterThanOrEqualTo(40);
        stored.SecretHash.ShouldNotContain(secret);
        stored.SecretHash.ShouldBe(ApiKeyFormat.Hash(secret));
    }

    [Fact]
    public async Task A_key_stops_working_when_it_expires()
    {
        var issued = await _keys.IssueAsync("temp", [Roles.Agent], TimeSpan.FromDays(1), CancellationToken.None);
        (await _keys.VerifyAsync(issued.Key, CancellationToken.None)).Succeeded.ShouldBeTrue();

        _clock.Advance(TimeSpan.FromDays(1));

        var verification = await _keys.VerifyAsync(issued.Key, CancellationToken.None);
        verification.Succeeded.ShouldBeFalse();
        verification.Failure!.ShouldContain("expired");
    }

    [Fact]
    public async Task A_revocation_by_another_hub_takes_effect_once_the_cache_lifetime_passes()
    {
        var issued = await _keys.IssueAsync("shared", [Roles.System], null, CancellationToken.None);
        (await _keys.VerifyAsync(issued.Key, CancellationToken.None)).Succeeded.ShouldBeTrue();
        var otherHub = new ApiKeyService(_services.GetRequiredService<ApiKeyStore>(), _clock);

        (await otherHub.RevokeAsync(issued.Record.Id, CancellationToken.None)).ShouldBeTrue();

        (await _keys.VerifyAsync(issued.Key, CancellationToken.None)).Succeeded.ShouldBeTrue();
        _clock.Advance(ApiKeyService.CacheLifetime);
        (await _keys.VerifyAsync(issued.Key, CancellationToken.None)).Failure!.ShouldContain("revoked");
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_id_is_refused()
    {
        var issued = await _keys.IssueAsync("real", [Roles.Admin], null, CancellationToken.None);
        var forged = issued.Key[..^4] + "AAAA";

        (await _keys.VerifyAsync(forged, CancellationToken.None)).Failure.ShouldBe("The API key is not valid.");
    }

    [Fact]
    public void Bad_requests_for_keys_list_every_problem()
    {
        var errors = ApiKeyService.Validate("", ["root", Roles.Admin], TimeSpan.FromDays(-1));

        errors.Select(e => e.Field).ShouldBe(["name", "roles", "expiresInDays"]);
        errors[1].Value.ShouldBe("root");
    }

    [Fact]
    public void Every_role_grants_what_the_operations_guide_says()
    {
        RolePermissions.Grants([Roles.Agent], Permission.ApiKeysManage).ShouldBeFalse();
        RolePermissions.Grants([Roles.Agent], Permission.RecordsWrite).ShouldBeTrue();
        RolePermissions.Grants([Roles.Auditor], Permission.RecordsWrite).ShouldBeFalse();
        RolePermissions.Grants([Roles.System], Permission.EventsWrite).ShouldBeTrue();
        RolePermissions.Grants(["nobody"], Permission.RecordsRead).ShouldBeFalse();
        string[] admin = [Roles.Admin];
        Enum.GetValues<Permission>().ShouldAllBe(p => RolePermissions.Grants(admin, p));
    }
}
