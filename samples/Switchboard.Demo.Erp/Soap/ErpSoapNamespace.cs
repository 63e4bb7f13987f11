namespace Switchboard.Demo.Erp.Soap;

/// <summary>The SOAP service's target namespace, and the SOAPAction of each operation (namespace/operation).</summary>
public static class ErpSoapNamespace
{
    public const string Uri = "urn:switchboard:demo-erp";

    public const string FindCustomersByPhone = Uri + "/FindCustomersByPhone";
    public const string GetCustomer = Uri + "/GetCustomer";
    public const string ListOrders = Uri + "/ListOrders";
    public const string GetOrder = Uri + "/GetOrder";
    public const string ListChangedOrders = Uri + "/ListChangedOrders";
    public const string CreateOrder = Uri + "/CreateOrder";
    public const string ConfirmOrder = Uri + "/ConfirmOrder";
    public const string ShipOrder = Uri + "/ShipOrder";
    public const string CancelOrder = Uri + "/CancelOrder";
}
