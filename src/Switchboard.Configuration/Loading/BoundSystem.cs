using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>A system as bound from its file, with the node of its name for errors that concern another file.</summary>
internal sealed record BoundSystem(SystemDefinition Definition, YamlNode NameNode);
