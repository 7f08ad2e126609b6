using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace TeamsMeetBot.Bench;

/// <summary>
/// Runs the micro-benchmarks in-process (no generated project, no second build on a busy machine).
/// <c>--quick</c> uses a short run (2 warm-ups, 3 iterations of about 120 ms); other arguments go to
/// BenchmarkDotNet (default filter: all).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool quick = args.Contains("--quick", StringComparer.Ordinal);
        string[] rest = [.. args.Where(a => a != "--quick")];
        if (!rest.Contains("--filter", StringComparer.Ordinal))
        {
            rest = [.. rest, "--filter", "*"];
        }

        var job = (quick
                ? Job.ShortRun.WithWarmupCount(2).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(120))
                : Job.Default)
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
