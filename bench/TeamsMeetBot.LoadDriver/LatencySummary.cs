using System.Diagnostics;
using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Percentiles of a latency sample, computed exactly by sorting (nearest-rank), in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P90, double P95, double P99, double P999, double Max)
{
    public static LatencySummary FromTimestampDeltas(List<long> deltas)
    {
        if (deltas.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        deltas.Sort();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Rank(double p) => Ms(deltas[Math.Clamp((int)Math.Ceiling(p * deltas.Count) - 1, 0, deltas.Count - 1)]);
        return new LatencySummary(deltas.Count, Ms((long)deltas.Average()), Rank(0.50), Rank(0.90), Rank(0.95), Rank(0.99), Rank(0.999), Ms(deltas[^1]));
    }

    public static string Format(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
