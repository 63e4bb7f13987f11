namespace Switchboard.Demo.Erp.Seed;

/// <summary>What the demo company sells: office, warehouse and café supplies.</summary>
internal static class ErpCatalog
{
    public static readonly IReadOnlyList<CatalogItem> Items =
    [
        new("PAP-A4-80", "A4 copy paper 80gsm, box of 5 reams", 34.99m, 27.50m, 189.00m),
        new("PAP-LTR-20", "Letter copy paper 20lb, case of 10 reams", 52.99m, 41.00m, 299.00m),
        new("LBL-TH-100150", "Thermal shipping labels 100x150mm, roll of 500", 19.99m, 15.49m, 79.00m),
        new("TAPE-PK-48", "Packing tape 48mm x 66m, pack of 6", 17.49m, 12.99m, 59.00m),
        new("BOX-DW-60", "Double-wall shipping carton 600x400x400, bundle of 10", 28.90m, 22.40m, 145.00m),
        new("SCN-2D-BT", "2D barcode scanner, Bluetooth, with cradle", 189.00m, 149.00m, 1099.00m),
        new("HDS-USB-DUO", "USB headset, dual ear, noise cancelling", 79.00m, 62.00m, 459.00m),
        new("DCK-USBC-11", "USB-C docking station, 11 ports", 149.99m, 119.99m, 899.00m),
        new("CHR-ERG-MESH", "Ergonomic mesh office chair", 329.00m, 259.00m, 1899.00m),
        new("GLV-NIT-M", "Nitrile gloves size M, box of 100", 12.49m, 9.79m, 45.00m),
        new("CUP-PAP-12", "Paper cups 12oz, sleeve of 50", 8.99m, 6.99m, 32.00m),
        new("COF-ARB-1KG", "Arabica coffee beans, per kg", 24.50m, 19.80m, 168.00m, SoldByMeasure: true),
        new("CBL-CAT6-M", "Cat6 network cable, per metre", 0.89m, 0.69m, 4.50m, SoldByMeasure: true),
        new("TNR-HP-26A", "Toner cartridge, black (26A compatible)", 64.99m, 52.99m, 389.00m),
        new("SAN-HND-5L", "Hand sanitiser refill, 5 litre", 29.99m, 22.99m, 129.00m),
    ];

    public static CatalogItem? Find(string sku) => Items.FirstOrDefault(i => i.Sku == sku);
}
