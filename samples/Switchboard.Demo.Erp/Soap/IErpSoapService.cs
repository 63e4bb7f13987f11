using System.ServiceModel;
using System.Xml.Serialization;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>
/// The demo ERP's SOAP face (document/literal wrapped, SOAP 1.1 and 1.2 at <c>/soap/erp</c>): the same
/// customers and orders as the REST API, with the same validation and status rules. Unknown records,
/// invalid orders and refused state changes are Client (1.1) / Sender (1.2) faults.
/// </summary>
[ServiceContract(Namespace = ErpSoapNamespace.Uri, Name = "ErpService")]
public interface IErpSoapService
{
    /// <summary>Customers whose phone matches; an empty list when none does.</summary>
    [OperationContract(Action = ErpSoapNamespace.FindCustomersByPhone)]
    [return: XmlArrayItem("Customer")]
    SoapCustomer[] FindCustomersByPhone(string phone);

    [OperationContract(Action = ErpSoapNamespace.GetCustomer)]
    SoapCustomer GetCustomer(string customerNo);

    /// <summary>All of a customer's orders, newest first.</summary>
    [OperationContract(Action = ErpSoapNamespace.ListOrders)]
    [return: XmlArrayItem("Order")]
    SoapOrder[] ListOrders(string customerNo);

    [OperationContract(Action = ErpSoapNamespace.GetOrder)]
    SoapOrder GetOrder(string orderNo);

    /// <summary>Orders changed at or after the time (whole seconds, inclusive), oldest change first.</summary>
    [OperationContract(Action = ErpSoapNamespace.ListChangedOrders)]
    [return: XmlArrayItem("Order")]
    SoapOrder[] ListChangedOrders(DateTime changedSince);

    /// <summary>Creates an order (status NEW) and answers only its number and status, like many older ERPs.</summary>
    [OperationContract(Action = ErpSoapNamespace.CreateOrder)]
    SoapCreatedOrder CreateOrder(string customerNo, string? currency, [XmlArrayItem("NewLine")] SoapNewOrderLine[] lines);

    /// <summary>NEW → CONF.</summary>
    [OperationContract(Action = ErpSoapNamespace.ConfirmOrder)]
    SoapOrder ConfirmOrder(string orderNo);

    /// <summary>CONF or PICK → SHIP.</summary>
    [OperationContract(Action = ErpSoapNamespace.ShipOrder)]
    SoapOrder ShipOrder(string orderNo);

    /// <summary>NEW, CONF or PICK → CANC.</summary>
    [OperationContract(Action = ErpSoapNamespace.CancelOrder)]
    SoapOrder CancelOrder(string orderNo);
}
