namespace Switchboard.Demo.Crm.Http;

/// <summary>A request body read as JSON: the value, or why it could not be read, and a hash of its bytes.</summary>
internal sealed record ParsedBody<T>(T? Value, string? Error, string Fingerprint)
    where T : class;
