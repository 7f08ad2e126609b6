using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// One server process under the protocol load: its start-to-first-answer, the measured windows it has run at each
/// connection count, and the CPU it used in them. <see cref="Report"/> prints the windows combined.
/// </summary>
internal sealed class LoadedServer(string name, ChildProcess process, BenchConnector? connector)
{
    /// <summary>Pause after each window, counted in its CPU, so work a server does after its load is its own.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    /// <summary>In the order the connection counts were first run.</summary>
    private readonly List<ConnectionRuns> _byConnections = [];
    private long _requestCounter;
    private double _firstAnswerMilliseconds;

    /// <summary>Cards that reached the Connector during this server's windows (the servers share one Connector and take turns).</summary>
    private long _posted;

    public async Task FirstAnswerAsync(string serviceUrl, string authorization, CancellationToken cancellationToken)
    {
        _firstAnswerMilliseconds = await ServerProbe.FirstAnswerAsync(
            process, id => ActivityJson.PersonalHelp(serviceUrl, "a:bench-first-" + id, id, TimeProvider.System.GetUtcNow()), authorization, connector, cancellationToken);
    }

    /// <param name="tag">Makes this window's activity ids unique across windows (a repeated id would be a redelivery).</param>
    public async Task RunWindowAsync(
        int connections, string tag, TimeSpan warmUp, TimeSpan measured, string serviceUrl, string authorization, CancellationToken cancellationToken)
    {
        double cpuBefore = process.CpuSeconds();
        long postedBefore = connector?.ActivitiesPosted ?? 0;
        var machineBefore = MachineCpu.Read();
        var result = await ClosedLoopLoad.RunAsync(
            new Uri(process.BaseAddress, "api/messages"), connections, warmUp, measured,
            (worker, sequence) =>
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"{tag}-{worker}-{sequence}");
                long conversation = Interlocked.Increment(ref _requestCounter) % ProtocolScenario.ConversationPool;
                return ActivityJson.PersonalHelp(serviceUrl, "a:bench-conversation-" + conversation.ToString(CultureInfo.InvariantCulture), "bench-" + id, TimeProvider.System.GetUtcNow());
            },
            authorization, cancellationToken);
        await Task.Delay(Settle, cancellationToken);
        var runs = _byConnections.Find(r => r.Connections == connections);
        if (runs is null)
        {
            runs = new ConnectionRuns(connections);
            _byConnections.Add(runs);
        }

        runs.Windows.Add(result);
        runs.CpuSeconds += process.CpuSeconds() - cpuBefore;
        _posted += (connector?.ActivitiesPosted ?? 0) - postedBefore;
        if (machineBefore is { } before && MachineCpu.Read() is { } after)
        {
            runs.Machine += after - before;
        }
    }

    /// <summary>Prints first answer, each connection count's combined figures and peak memory.</summary>
    public ServerFigures Report(TextWriter output)
    {
        output.WriteLine($"  start to first answer: {_firstAnswerMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
        var figures = new ServerFigures(name, _firstAnswerMilliseconds, [.. _byConnections.Select(r => (IReadOnlyList<LoadResult>)[.. r.Windows])], process.PeakRssMegabytes(), _posted);
        foreach (var (runsAt, result) in _byConnections.Zip(figures.Runs))
        {
            double cpuPerRequest = runsAt.CpuSeconds * 1000.0 / Math.Max(1, result.SucceededIncludingWarmUp);
            string perWindow = string.Join(" ", runsAt.Windows.Select(w => w.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture)));
            output.WriteLine($"  {runsAt.Connections,2} connections: {result.RequestsPerSecond,8:0} req/s  p50 {LatencySummary.Format(result.Latency.P50)} ms  p90 {LatencySummary.Format(result.Latency.P90)} ms  p99 {LatencySummary.Format(result.Latency.P99)} ms  max {LatencySummary.Format(result.Latency.Max)} ms  ({result.Succeeded} ok, {result.Failed} failed; server CPU {cpuPerRequest.ToString("0.000", CultureInfo.InvariantCulture)} ms/request; windows {perWindow} req/s; {runsAt.Machine.Describe()})");
        }

        output.WriteLine($"  peak RSS: {figures.PeakRssMegabytes.ToString("0", CultureInfo.InvariantCulture)} MB" + (connector is null ? "" : $"; help cards posted to the connector: {_posted} for {figures.Runs.Sum(r => r.SucceededIncludingWarmUp)} activities answered 200 (warm-up included)"));
        return figures;
    }

    /// <summary>The windows run at one connection count and the server CPU they used, settling included.</summary>
    private sealed class ConnectionRuns(int connections)
    {
        public int Connections { get; } = connections;

        public List<LoadResult> Windows { get; } = [];

        public double CpuSeconds { get; set; }

        /// <summary>The whole machine's CPU time over the same windows.</summary>
        public MachineCpu Machine { get; set; }
    }
}
