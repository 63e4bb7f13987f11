using System.Text.Json;

namespace Switchboard.ScreenPop.Tests.Support;

public static class ViewExtensions
{
    public static PopSource Source(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)
            ?? throw new InvalidOperationException($"snapshot {view.Sequence} has no source {system} {operation}; it has {string.Join(", ", view.Sources.Select(s => $"{s.System} {s.Operation}"))}");

    public static PopSourceState? StateOf(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)?.State;

    /// <summary>The same snapshot by content: a held pop is kept as JSON once complete, so it comes back as an equal copy.</summary>
    public static void ShouldBeSameViewAs(this ScreenPopView? actual, ScreenPopView expected) =>
        JsonSerializer.Serialize(actual.ShouldNotBeNull()).ShouldBe(JsonSerializer.Serialize(expected));
}
