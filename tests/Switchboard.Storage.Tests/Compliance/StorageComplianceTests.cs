using Dapper;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Stores;
using Switchboard.Storage.Tests.Support;

namespace Switchboard.Storage.Tests.Compliance;

/// <summary>
/// The storage compliance suite: every test runs unchanged on each provider through a thin
/// subclass that supplies the database. Split by record kind across partial files.
/// </summary>
public abstract partial class StorageComplianceTests(StorageFixture fixture)
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected StorageFixture Fixture { get; } = fixture;

    protected IStorageProvider Provider => Fixture.Provider;

    protected CustomerStore Customers => new(Provider);

    protected CrossReferenceStore CrossReferences => new(Provider);

    protected OrderStore Orders => new(Provider);

    protected TicketStore Tickets => new(Provider);

    protected AgentStore Agents => new(Provider);

    protected InteractionStore Interactions => new(Provider);

    [Fact]
    public async Task Migrating_an_up_to_date_database_applies_nothing()
    {
        Fixture.MigrationsAppliedOnCreate.ShouldBe(2);
        (await StorageFixture.Migrator(Provider).MigrateAsync(Ct)).ShouldBe(0);

        var module = ProbeMigrationSource.NewModule();
        var probe = new ProbeMigrationSource(module, ProbeMigrationSource.CreatesTable(1, module));
        (await StorageFixture.Migrator(Provider, probe).MigrateAsync(Ct)).ShouldBe(1);
        (await StorageFixture.Migrator(Provider, probe).MigrateAsync(Ct)).ShouldBe(0);

        (await ScalarAsync($"SELECT COUNT(*) FROM {module}")).ShouldBe(1);
        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE module = @module", new { module })).ShouldBe(1);
    }

    [Fact]
    public async Task Two_migrators_starting_at_once_apply_each_migration_once()
    {
        var module = ProbeMigrationSource.NewModule();
        var probe = new ProbeMigrationSource(
            module,
            ProbeMigrationSource.CreatesTable(1, module + "_a"),
            ProbeMigrationSource.CreatesTable(2, module + "_b"),
            ProbeMigrationSource.CreatesTable(3, module + "_c"));
        var first = StorageFixture.Migrator(Fixture.CreateProvider(), probe);
        var second = StorageFixture.Migrator(Fixture.CreateProvider(), probe);

        var applied = await Task.WhenAll(Task.Run(() => first.MigrateAsync(Ct)), Task.Run(() => second.MigrateAsync(Ct)));

        applied.Sum().ShouldBe(3);
        foreach (var table in new[] { "_a", "_b", "_c" })
        {
            (await ScalarAsync($"SELECT COUNT(*) FROM {module}{table}")).ShouldBe(1);
        }

        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE module = @module", new { module })).ShouldBe(3);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_named_in_the_error()
    {
        var module = ProbeMigrationSource.NewModule();
        var broken = $"CREATE TABLE {module}_b (n INTEGER NOT NULL); INSERT INTO {module}_missing (n) VALUES (1);";
        var probe = new ProbeMigrationSource(
            module, ProbeMigrationSource.CreatesTable(1, module + "_a"), new Migration(2, "broken", broken, broken));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => StorageFixture.Migrator(Provider, probe).MigrateAsync(Ct));

        error.Message.ShouldContain($"{module} 2 'broken'");
        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE module = @module", new { module })).ShouldBe(1);
        // Had the failed step's CREATE TABLE survived, the fixed step would fail on it.
        var fixedProbe = new ProbeMigrationSource(
            module, ProbeMigrationSource.CreatesTable(1, module + "_a"), ProbeMigrationSource.CreatesTable(2, module + "_b"));
        (await StorageFixture.Migrator(Provider, fixedProbe).MigrateAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Ping_completes_on_a_reachable_database()
    {
        await Should.NotThrowAsync(() => Provider.PingAsync(Ct));
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var customer = TestModel.Customer();

        await Should.ThrowAsync<OperationCanceledException>(() => Customers.UpsertAsync(customer, cancelled.Token));

        (await Customers.GetAsync(customer.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Unknown_ids_and_numbers_find_nothing()
    {
        var unknown = TestModel.NewId();

        (await Customers.GetAsync(unknown, Ct)).ShouldBeNull();
        (await Customers.FindByPhoneAsync(TestModel.NewPhone(), Ct)).ShouldBeEmpty();
        (await Customers.FindByCrossReferenceAsync("crm", unknown, Ct)).ShouldBeNull();
        (await Orders.GetAsync(unknown, Ct)).ShouldBeNull();
        (await Orders.FindByNumberAsync(unknown, Ct)).ShouldBeNull();
        (await Tickets.GetAsync(unknown, Ct)).ShouldBeNull();
        (await Agents.GetAsync(unknown, Ct)).ShouldBeNull();
        (await Interactions.GetAsync(unknown, Ct)).ShouldBeNull();
        (await Interactions.FindByCallIdAsync(unknown, Ct)).ShouldBeNull();
    }

    protected async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await Provider.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: Ct));
    }
}
