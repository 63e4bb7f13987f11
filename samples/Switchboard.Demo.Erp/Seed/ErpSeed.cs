using System.Globalization;
using Switchboard.Demo.Erp.Customers;
using Switchboard.Demo.Erp.Orders;

namespace Switchboard.Demo.Erp.Seed;

/// <summary>
/// Builds the starting data: the fixed customers, and 0–5 orders each drawn from a seeded random
/// generator (same seed, same orders). Older orders have progressed further (delivered or
/// cancelled); recent ones are still NEW, CONF, PICK or SHIP. All times lie before <c>now</c>.
/// </summary>
internal sealed class ErpSeed
{
    private ErpSeed(IReadOnlyList<ErpCustomer> customers, IReadOnlyList<ErpOrder> orders)
    {
        Customers = customers;
        Orders = orders;
    }

    public IReadOnlyList<ErpCustomer> Customers { get; }
    public IReadOnlyList<ErpOrder> Orders { get; }

    public static ErpSeed Create(int seed, DateTimeOffset now)
    {
#pragma warning disable CA5394 // Random is insecure; reproducibility, not secrecy, is wanted here.
        var random = new Random(seed);
        var anchor = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(-1);

        var customers = ErpSeedCustomers.All
            .Select(c => new ErpCustomer(
                c.CustomerNo, c.Name, c.Phone, c.Email, c.VatNo, anchor.AddDays(-random.Next(200, 2500)).ToUnixTimeSeconds())
            {
                Currency = c.Currency,
            })
            .ToList();

        var drafts = new List<(ErpCustomer Customer, DateTimeOffset Created, string Status, long ChangedAt, List<ErpOrderLine> Lines, string Total)>();
        foreach (var customer in customers)
        {
            var orderCount = random.Next(0, 6);
            for (var i = 0; i < orderCount; i++)
            {
                var created = anchor.AddDays(-random.Next(0, 180)).AddMinutes(-random.Next(1, 24 * 60));
                var age = (anchor - created).TotalDays;
                var status = age switch
                {
                    > 14 => random.Next(0, 10) == 0 ? OrderStatusCodes.Cancelled : OrderStatusCodes.Delivered,
                    > 5 => random.Next(0, 2) == 0 ? OrderStatusCodes.Shipped : OrderStatusCodes.Delivered,
                    _ => new[] { OrderStatusCodes.New, OrderStatusCodes.Confirmed, OrderStatusCodes.Picking, OrderStatusCodes.Shipped }[random.Next(0, 4)],
                };
                var changed = status == OrderStatusCodes.New ? created : created.AddHours(random.Next(1, 24 * 5));
                changed = changed < anchor ? changed : anchor.AddMinutes(-random.Next(1, 600));
                var (lines, total) = Lines(random, customer.Currency);
                drafts.Add((customer, created, status, changed.ToUnixTimeSeconds(), lines, total));
            }
        }
#pragma warning restore CA5394

        // Order numbers follow creation order, as the ERP's number range does.
        var orders = drafts
            .OrderBy(d => d.Created)
            .Select((d, index) => new ErpOrder(
                $"SO-{d.Created.Year.ToString(CultureInfo.InvariantCulture)}-{(101 + index).ToString("D5", CultureInfo.InvariantCulture)}",
                d.Customer.CustomerNo,
                d.Status,
                d.Customer.Currency,
                d.Lines,
                d.Total,
                d.Created.ToUnixTimeSeconds(),
                Math.Max(d.ChangedAt, d.Created.ToUnixTimeSeconds())))
            .ToList();

        return new ErpSeed(customers, orders);
    }

    private static (List<ErpOrderLine> Lines, string Total) Lines(Random random, string currency)
    {
#pragma warning disable CA5394 // Random is insecure; reproducibility, not secrecy, is wanted here.
        var count = random.Next(1, 5);
        var items = ErpCatalog.Items.OrderBy(_ => random.Next()).Take(count).ToList();
        var lines = new List<ErpOrderLine>(count);
        var total = 0m;
        foreach (var item in items)
        {
            var qty = item.SoldByMeasure
                ? Math.Round((decimal)random.Next(5, 400) / 4, 3)
                : random.Next(1, 13);
            var price = item.Price(currency);
            total += Math.Round(qty * price, 2, MidpointRounding.AwayFromZero);
            lines.Add(new ErpOrderLine(item.Sku, item.Description, ErpAmounts.Quantity(qty), ErpAmounts.Money(price)));
        }

#pragma warning restore CA5394
        return (lines, ErpAmounts.Money(total));
    }
}
