using System.Net;
using System.ServiceModel;
using System.ServiceModel.Channels;
using SoapCore;
using SoapCore.Extensibility;

namespace Switchboard.Demo.Erp.Soap;

/// <summary>
/// SoapCore's fault writer, with the HTTP status each version's binding asks for: SOAP 1.1 answers
/// every fault with 500; SOAP 1.2 answers a Sender fault with 400 (SOAP 1.2 part 2, 7.5.1.2).
/// </summary>
internal sealed class ErpSoapFaultTransformer : IFaultExceptionTransformer
{
    private readonly DefaultFaultExceptionTransformer<CustomMessage> _inner = new();

    public Message ProvideFault(Exception exception, MessageVersion messageVersion, Message requestMessage, ConcurrentXmlNamespaceLookup xmlNamespaceManager)
    {
        var fault = _inner.ProvideFault(exception, messageVersion, requestMessage, xmlNamespaceManager);
        if (messageVersion.Envelope == EnvelopeVersion.Soap12 && ErpSoapFaults.IsClient(exception))
        {
            fault.Properties[HttpResponseMessageProperty.Name] = new HttpResponseMessageProperty { StatusCode = HttpStatusCode.BadRequest };
        }

        return fault;
    }
}
