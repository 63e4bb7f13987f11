using Switchboard.Connectors;
using Switchboard.Delivery.DeadLetters;
using Switchboard.Delivery.Monitoring;

namespace Switchboard.Delivery.Dispatch;

/// <summary>What every target's dispatcher shares.</summary>
internal sealed record DeliveryEngineParts(
    IOperationInvoker Invoker,
    ConfirmedKeys Confirmed,
    DeadLetterStore DeadLetters,
    DeliveryOutcomes Outcomes,
    DeliveryMetrics Metrics,
    TimeProvider Clock);
