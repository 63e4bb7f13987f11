namespace Switchboard.Demo.Erp.Seed;

/// <summary>An item of the ERP's catalogue with its list price in each currency.</summary>
internal sealed record CatalogItem(string Sku, string Description, decimal Usd, decimal Gbp, decimal Cny, bool SoldByMeasure = false)
{
    public decimal Price(string currency) => currency switch
    {
        "GBP" => Gbp,
        "CNY" => Cny,
        _ => Usd,
    };
}
