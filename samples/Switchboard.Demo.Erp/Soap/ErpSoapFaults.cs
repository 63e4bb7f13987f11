using System.ServiceModel;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>The faults the service raises: all the caller's fault (1.1 <c>Client</c>, 1.2 <c>Sender</c>).</summary>
internal static class ErpSoapFaults
{
    public const string ClientCode = "Client";

    public static FaultException Client(string reason) =>
        new(new FaultReason(reason), new FaultCode(ClientCode), action: null);

    public static bool IsClient(Exception exception) =>
        exception is FaultException { Code.Name: ClientCode };
}
