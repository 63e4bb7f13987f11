namespace Switchboard.Ingress.Soap;

internal enum SoapOperation
{
    SubmitEvent,
    SubmitEvents,
}
