using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.Ingress.Rest;

/// <summary>Source-generated JSON for the ingest hot path: no reflection per request, and unknown fields refused.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(EventInput))]
[JsonSerializable(typeof(EventBatchInput))]
[JsonSerializable(typeof(EventAcknowledgement))]
[JsonSerializable(typeof(BatchAcknowledgement))]
internal sealed partial class IngressJsonContext : JsonSerializerContext;
