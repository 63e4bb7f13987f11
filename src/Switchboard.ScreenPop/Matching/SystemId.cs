namespace Switchboard.ScreenPop.Matching;

/// <summary>A record's id in one system; <see cref="Key"/> (<c>system:externalId</c>) is how candidates and picks refer to it.</summary>
internal readonly record struct SystemId(string System, string ExternalId)
{
    public string Key => System + ":" + ExternalId;
}
