namespace Switchboard.Demo.Erp.Customers;

/// <summary>The ERP's customers. The demo only reads them, so no lock is needed.</summary>
internal sealed class CustomerStore
{
    private readonly IReadOnlyList<ErpCustomer> _customers;
    private readonly Dictionary<string, ErpCustomer> _byNumber;

    public CustomerStore(IReadOnlyList<ErpCustomer> customers)
    {
        _customers = customers;
        _byNumber = customers.ToDictionary(c => c.CustomerNo, StringComparer.Ordinal);
    }

    public int Count => _byNumber.Count;

    public IReadOnlyList<ErpCustomer> All => _customers;

    public ErpCustomer? Find(string customerNo) => _byNumber.GetValueOrDefault(customerNo);

    /// <summary>Customers whose phone matches <paramref name="queryDigits"/> (see <see cref="ErpPhoneMatch"/>).</summary>
    public IReadOnlyList<ErpCustomer> FindByPhone(string queryDigits) =>
        _customers.Where(c => ErpPhoneMatch.Matches(c.Phone, queryDigits)).ToList();
}
