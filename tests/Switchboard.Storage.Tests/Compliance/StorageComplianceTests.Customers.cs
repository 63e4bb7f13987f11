using Switchboard.Core.Common;
using Switchboard.Core.CrossReferences;
using Switchboard.Core.Customers;
using Switchboard.Storage.Tests.Support;

namespace Switchboard.Storage.Tests.Compliance;

public abstract partial class StorageComplianceTests
{
    [Fact]
    public async Task Customer_round_trips_with_contact_points_and_cross_references()
    {
        var id = TestModel.NewId();
        var customer = TestModel.Customer(
            new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone(), "mobile", IsPrimary: true),
            new ContactPoint(ContactPointKind.Email, TestModel.NewEmail(), "work"),
            new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone())) with
        {
            Id = id,
            Company = "Analytical Engines Ltd",
            Language = "en-GB",
            CrossReferences =
            [
                new CrossReference(EntityKind.Customer, id, "crm", "C-1", "7", TestModel.T0),
                new CrossReference(EntityKind.Customer, id, "erp", "E-1"),
            ],
        };

        await Customers.UpsertAsync(customer, Ct);

        (await Customers.GetAsync(id, Ct)).ShouldMatch(customer);
    }

    [Fact]
    public async Task Chinese_names_round_trip()
    {
        var customer = TestModel.Customer(new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone(), "办公室")) with
        {
            DisplayName = "王小明 🐉",
            FirstName = "小明",
            LastName = "王",
            Company = "深圳市腾飞科技有限公司",
            Language = "zh-CN",
        };

        await Customers.UpsertAsync(customer, Ct);

        (await Customers.GetAsync(customer.Id, Ct)).ShouldMatch(customer);
    }

    [Fact]
    public async Task Find_by_phone_returns_every_customer_sharing_the_number()
    {
        var shared = TestModel.NewPhone();
        var first = TestModel.Customer(new ContactPoint(ContactPointKind.Phone, shared));
        var second = TestModel.Customer(
            new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone()), new ContactPoint(ContactPointKind.Phone, shared));
        var other = TestModel.Customer(new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone()));
        foreach (var c in new[] { first, second, other })
        {
            await Customers.UpsertAsync(c, Ct);
        }

        var found = await Customers.FindByPhoneAsync(shared, Ct);

        found.Select(c => c.Id).ShouldBe(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal));
        found.Single(c => c.Id == second.Id).ContactPoints.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Owners_of_several_numbers_are_read_in_one_call_inside_a_transaction()
    {
        var shared = TestModel.NewPhone();
        var single = TestModel.NewPhone();
        var nobodys = TestModel.NewPhone();
        var first = TestModel.Customer(new ContactPoint(ContactPointKind.Phone, shared));
        var second = TestModel.Customer(
            new ContactPoint(ContactPointKind.Phone, single), new ContactPoint(ContactPointKind.Phone, shared),
            new ContactPoint(ContactPointKind.Email, TestModel.NewEmail()));
        foreach (var c in new[] { first, second })
        {
            await Customers.UpsertAsync(c, Ct);
        }

        await using var connection = await Provider.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var owners = await Customers.OwnersByPhoneAsync([shared, single, nobodys], connection, transaction, Ct);

        owners.Count.ShouldBe(2);
        owners[shared].ShouldBe(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal));
        owners[single].ShouldBe([second.Id]);
        owners.ContainsKey(nobodys).ShouldBeFalse();
        (await Customers.OwnersByPhoneAsync([], connection, transaction, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Find_by_email_ignores_case()
    {
        var email = TestModel.NewEmail();
        var customer = TestModel.Customer(new ContactPoint(ContactPointKind.Email, email.ToUpperInvariant()));
        await Customers.UpsertAsync(customer, Ct);

        var found = await Customers.FindByEmailAsync(email.ToUpperInvariant(), Ct);

        found.ShouldHaveSingleItem().Id.ShouldBe(customer.Id);
        found[0].ContactPoints.ShouldHaveSingleItem().Value.ShouldBe(email);
    }

    [Fact]
    public async Task Find_by_cross_reference_returns_the_linked_customer()
    {
        var customer = TestModel.Customer();
        var external = "SF-" + TestModel.NewId();
        await Customers.UpsertAsync(customer with { CrossReferences = [new(EntityKind.Customer, customer.Id, "salesforce", external)] }, Ct);

        (await Customers.FindByCrossReferenceAsync("salesforce", external, Ct))!.Id.ShouldBe(customer.Id);
        (await Customers.FindByCrossReferenceAsync("zendesk", external, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_replaces_contact_points_and_keeps_other_cross_references()
    {
        var oldPhone = TestModel.NewPhone();
        var newPhone = TestModel.NewPhone();
        var customer = TestModel.Customer(new ContactPoint(ContactPointKind.Phone, oldPhone)) with { DisplayName = "Before" };
        await Customers.UpsertAsync(customer with { CrossReferences = [new(EntityKind.Customer, customer.Id, "crm", "A")] }, Ct);

        await Customers.UpsertAsync(customer with
        {
            DisplayName = "After",
            ContactPoints = [new ContactPoint(ContactPointKind.Phone, newPhone, "home")],
            CrossReferences = [new(EntityKind.Customer, customer.Id, "erp", "B")],
        }, Ct);

        (await Customers.FindByPhoneAsync(oldPhone, Ct)).ShouldBeEmpty();
        var stored = (await Customers.FindByPhoneAsync(newPhone, Ct)).ShouldHaveSingleItem();
        stored.DisplayName.ShouldBe("After");
        stored.ContactPoints.ShouldBe([new ContactPoint(ContactPointKind.Phone, newPhone, "home")]);
        stored.CrossReferences.Select(x => x.System).ShouldBe(["crm", "erp"]);
    }

    [Fact]
    public async Task A_cross_reference_of_another_record_is_rejected_and_nothing_is_written()
    {
        var customer = TestModel.Customer();
        var foreign = customer with { CrossReferences = [new(EntityKind.Customer, TestModel.NewId(), "crm", "X-" + customer.Id)] };

        await Should.ThrowAsync<ArgumentException>(() => Customers.UpsertAsync(foreign, Ct));

        (await Customers.GetAsync(customer.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Keyset_paging_walks_customers_in_id_order()
    {
        // A prefix after every hex HubId keeps other tests' customers out of the way.
        var prefix = "page-" + Guid.NewGuid().ToString("N") + "-";
        var ids = Enumerable.Range(1, 5).Select(i => prefix + i).ToList();
        foreach (var id in ids.AsEnumerable().Reverse())
        {
            await Customers.UpsertAsync(TestModel.Customer(new ContactPoint(ContactPointKind.Phone, TestModel.NewPhone())) with { Id = id }, Ct);
        }

        var seen = new List<string>();
        var after = prefix;
        for (var page = 0; page < 3; page++)
        {
            var customers = await Customers.ListAsync(2, after, Ct);
            customers.Count.ShouldBeLessThanOrEqualTo(2);
            customers.ShouldAllBe(c => c.ContactPoints.Count == 1);
            seen.AddRange(customers.Select(c => c.Id));
            after = customers[^1].Id;
        }

        seen.Take(5).ShouldBe(ids);
        (await Customers.ListAsync(1, null, Ct)).Count.ShouldBe(1);
    }
}
