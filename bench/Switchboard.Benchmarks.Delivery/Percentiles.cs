namespace Switchboard.Benchmarks.Delivery;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of <paramref name="samples"/>, rounded to µs; 0 when there are none.</summary>
    public static double Of(IReadOnlyList<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 3);
    }
}
