using YamlDotNet.RepresentationModel;

namespace Switchboard.Configuration;

/// <summary>A flow as bound from its file, with the nodes of its name and of each system it names (its <c>systems</c> and <c>screenPop.createIn</c>).</summary>
internal sealed record BoundFlow(FlowDefinition Definition, YamlNode NameNode, IReadOnlyList<(YamlNode Node, string Field, string Name)> SystemNodes);
