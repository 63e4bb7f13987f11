using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Switchboard.Demo.Crm.Http;

/// <summary>
/// Reads a JSON body by hand, so that a malformed body gets the CRM's error shape rather than
/// the framework's, and so that idempotent creates can compare the exact bytes of a retry.
/// </summary>
internal static class CrmRequestBody
{
    private const int MaxBytes = 1024 * 1024;

    public static async Task<ParsedBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes)
        {
            return new ParsedBody<T>(null, "the request body is larger than 1 MB", string.Empty);
        }

        var bytes = buffer.ToArray();
        var fingerprint = Convert.ToHexString(SHA256.HashData(bytes));
        if (bytes.Length == 0)
        {
            return new ParsedBody<T>(null, "the request body is empty; a JSON object is expected", fingerprint);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            return value is null
                ? new ParsedBody<T>(null, "the request body is null; a JSON object is expected", fingerprint)
                : new ParsedBody<T>(value, null, fingerprint);
        }
        catch (JsonException ex)
        {
            return new ParsedBody<T>(null, $"the request body is not valid JSON: {ex.Message}", fingerprint);
        }
    }
}
