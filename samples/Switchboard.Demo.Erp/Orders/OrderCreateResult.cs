namespace Switchboard.Demo.Erp.Orders;

/// <summary>
/// The outcome of creating an order: the order, whether an earlier request with the same
/// Idempotency-Key created it, or (<see cref="KeyReused"/>) that the key came with another body.
/// </summary>
internal sealed record OrderCreateResult(ErpOrder? Order, bool Replayed, bool KeyReused);
