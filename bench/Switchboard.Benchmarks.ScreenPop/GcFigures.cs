using System.Runtime;

namespace Switchboard.Benchmarks.ScreenPop;

/// <summary>The garbage collector's work between two moments: collections per generation and time paused.</summary>
internal sealed record GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan Paused, string Mode)
{
    public static GcFigures Take() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? ", non-concurrent" : ", concurrent"));

    public GcFigures Since()
    {
        var now = Take();
        return new(now.Gen0 - Gen0, now.Gen1 - Gen1, now.Gen2 - Gen2, now.Paused - Paused, Mode);
    }

    public void AddTo(Dictionary<string, object> figures, string prefix)
    {
        figures[prefix + "mode"] = Mode;
        figures[prefix + "gen0"] = Gen0;
        figures[prefix + "gen1"] = Gen1;
        figures[prefix + "gen2"] = Gen2;
        figures[prefix + "paused_ms"] = Math.Round(Paused.TotalMilliseconds, 1);
        var last = GC.GetGCMemoryInfo(GCKind.Ephemeral);
        figures[prefix + "last_ephemeral"] = $"gen{last.Generation} promoted {last.PromotedBytes / 1024} KiB, paused {string.Join('+', last.PauseDurations.ToArray().Select(p => p.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms, heap {last.HeapSizeBytes / 1048576} MiB, gen0 budget {last.GenerationInfo[0].SizeBeforeBytes / 1048576} MiB";
    }
}
