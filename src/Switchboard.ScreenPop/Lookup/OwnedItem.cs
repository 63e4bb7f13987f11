namespace Switchboard.ScreenPop.Lookup;

/// <summary>An order or ticket and the customer (<c>system:externalId</c>) it belongs to.</summary>
internal sealed record OwnedItem<T>(string Owner, T Item);
