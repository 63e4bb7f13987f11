using System.Text.Json;

namespace Switchboard.ScreenPop.Tests.Support;

public static class ViewExtensions
{
    public static PopSource Source(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)
            ?? throw new InvalidOperationException($"snapshot {view.Sequence} has no source {system} {operation}; it has {string.Join(", ", view.Sources.Select(s => $"{s.System} {s.Operation}"))}");

    public static PopSourceState? StateOf(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)?.State;

    /// <summary>
    /// The same snapshot, field by field: a session keeps a complete snapshot serialized and reads it back, so what
    /// <see cref="ScreenPopEngine.Latest"/> answers equals the published one in content, not as the same objects.
    /// </summary>
    public static void ShouldBeTheSnapshot(this ScreenPopView? actual, ScreenPopView expected) =>
        JsonSerializer.Serialize(actual.ShouldNotBeNull()).ShouldBe(JsonSerializer.Serialize(expected));
}
