using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>A webhook as bound from its file, with the node of its name for the uniqueness check across files.</summary>
internal sealed record BoundWebhook(WebhookDefinition Definition, YamlNode NameNode);
