namespace Switchboard.Ingress.Ami;

/// <summary>A call the contact center accepted to place. Its events will carry <see cref="CallId"/> (on Asterisk the Linkedid, set by Originate's ChannelId).</summary>
public sealed record PlacedCall(string System, string CallId);
