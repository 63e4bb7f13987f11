using Switchboard.Core.Common;

namespace Switchboard.Sync.Polling;

/// <summary>One changed-since operation of one system that the poller calls every <paramref name="Interval"/>.</summary>
/// <param name="Operation"><c>order.listChanged</c> or <c>ticket.listChanged</c>.</param>
/// <param name="Kind">What the operation's records are: <see cref="EntityKind.Order"/> or <see cref="EntityKind.Ticket"/>.</param>
public sealed record PollTarget(string System, string Operation, EntityKind Kind, TimeSpan Interval);
