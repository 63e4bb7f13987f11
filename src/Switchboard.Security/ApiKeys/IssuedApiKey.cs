namespace Switchboard.Security.ApiKeys;

/// <summary>A newly created key: <see cref="Key"/> is the only time the plain key exists.</summary>
public sealed record IssuedApiKey(ApiKey Record, string Key);
