using Switchboard.Core.Common;
using Switchboard.Core.Events;

namespace Switchboard.Ingress.Soap;

/// <summary>
/// A read SOAP request: its events, the field prefix of each (<c>event.</c>, <c>events[3].</c>) for
/// validation messages, and what could not be read (bad dates, unknown elements).
/// </summary>
internal sealed record SoapRequest(
    SoapVersion Version,
    SoapOperation Operation,
    IReadOnlyList<ContactCenterEvent> Events,
    IReadOnlyList<string> Prefixes,
    IReadOnlyList<FieldError> Errors);
