namespace Switchboard.ScreenPop.Tests.Support;

public static class ViewExtensions
{
    public static PopSource Source(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)
            ?? throw new InvalidOperationException($"snapshot {view.Sequence} has no source {system} {operation}; it has {string.Join(", ", view.Sources.Select(s => $"{s.System} {s.Operation}"))}");

    public static PopSourceState? StateOf(this ScreenPopView view, string system, string operation) =>
        view.Sources.SingleOrDefault(s => s.System == system && s.Operation == operation)?.State;
}
