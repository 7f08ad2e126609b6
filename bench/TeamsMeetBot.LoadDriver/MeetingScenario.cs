using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Figures of the meeting load.</summary>
internal sealed record MeetingFigures(
    int ColdSequentialCalls,
    IReadOnlyList<int> WarmSequentialCalls,
    int Conversations,
    long Commands,
    long Failed,
    double Seconds,
    LatencySummary CardPosted,
    LatencySummary HttpAnswered,
    double PeakRssMegabytes);

/// <summary>
/// "meet now with @Alice @Bob" in local mode against the simulated Graph (injected latency per call)
/// and the fake Connector (injected latency per call). First a trace run through <see cref="GraphTap"/>
/// counts the sequential remote calls of one command from recorded timestamps; then a load run (no
/// tap) with many concurrent conversations measures request-to-card-posted latency and peak memory.
/// </summary>
internal static class MeetingScenario
{
    public static async Task<MeetingFigures> RunAsync(DriverSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using var connector = await BenchConnector.StartAsync(ActivityJson.Members, cancellationToken);
        connector.Latency = TimeSpan.FromMilliseconds(settings.ConnectorLatencyMilliseconds);
        output.WriteLine($"== Meeting load: 'meet now with @Alice @Bob', local mode, Graph latency {settings.GraphLatencyMilliseconds} ms, connector latency {settings.ConnectorLatencyMilliseconds} ms per call ==");

        var (cold, warm) = await TraceAsync(settings, connector, output, cancellationToken);
        connector.Recording = false;

        await PrintWakeupsAsync("before the load", output, cancellationToken);

        // The simulated Graph runs in a process of its own (a second bot in local mode serving only its
        // /_local/graph endpoints), as Graph is remote in production: the bot's CPU and memory figures are the
        // bot's, not the simulator's.
        // Its schema validation of every body and its request log are switched off here (the trace above and the tests
        // keep both on): they cost the simulator CPU and heap that real Graph does not take from the bot's machine.
        var graphEnvironment = LocalEnvironment(settings, "meeting-load-graph.db", graphBaseUrl: null);
        graphEnvironment["LocalGraph__ValidateRequestBodies"] = "false";
        graphEnvironment["LocalGraph__RecordRequests"] = "false";
        using var graph = ChildProcess.Start(settings.BotDll, graphEnvironment, Path.Combine(settings.WorkDirectory, "meeting-load-graph.log"));
        await ServerProbe.WaitHealthyAsync(graph, cancellationToken);
        using var bot = ChildProcess.Start(settings.BotDll, LocalEnvironment(settings, "meeting-load-bot.db", new Uri(graph.BaseAddress, "_local/graph/v1.0").AbsoluteUri), Path.Combine(settings.WorkDirectory, "meeting-load-bot.log"));
        await ServerProbe.WaitHealthyAsync(bot, cancellationToken);
        var url = new Uri(bot.BaseAddress, "api/messages");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = settings.Conversations }) { Timeout = TimeSpan.FromSeconds(30) };
        string serviceUrl = connector.ServiceUrl;

        // Warm-up, part 1: one command per conversation at once (fills the member cache and the connection pools).
        var firstRound = await Task.WhenAll(Enumerable.Range(0, settings.Conversations).Select(c =>
            SendAsync(client, url, connector, serviceUrl, Conversation(c), $"warm-{c}", cancellationToken)));
        int warmFailures = firstRound.Count(r => !r.Ok);
        output.WriteLine($"  warm-up: {settings.Conversations} conversations, one command each at once, {warmFailures} failed");

        // The driver's own collections would pause its clocks and the fake Connector mid-command (one collection of
        // 22-26 ms landed in every measured window), so it collects now and then allocates without collecting to the end.
        bool noGcRegion = DriverNoGcRegion.TryStart();

        // Warm-up, part 2, then the measured window: the same paced load throughout. The warm-up window is where the
        // runtime's tiered JIT recompiles the hot methods of a command (Graph SDK, Kiota, the bot) in the background;
        // its figures are printed too, as what the first seconds after a start look like.
        long warmFrom = Stopwatch.GetTimestamp();
        long measureFrom = warmFrom + (long)(settings.MeetingWarmUp.TotalSeconds * Stopwatch.Frequency);
        long measureTo = measureFrom + (long)(settings.MeetingMeasured.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<CommandResult>[settings.Conversations];
        long failed = 0;
        var jitter = new Random(8);
        var offsets = Enumerable.Range(0, settings.Conversations).Select(_ => jitter.NextDouble() * settings.CommandInterval.TotalMilliseconds).ToArray();

        async Task ConversationAsync(int c)
        {
            var results = samples[c] = [];
            await Task.Delay(TimeSpan.FromMilliseconds(offsets[c]), cancellationToken);
            for (int n = 0; Stopwatch.GetTimestamp() < measureTo; n++)
            {
                long sent = Stopwatch.GetTimestamp();
                var result = await SendAsync(client, url, connector, serviceUrl, Conversation(c), string.Create(CultureInfo.InvariantCulture, $"meet-{c}-{n}"), cancellationToken);
                results.Add(result);
                if (!result.Ok && result.Sent >= measureFrom)
                {
                    Interlocked.Increment(ref failed);
                }

                var wait = settings.CommandInterval - Stopwatch.GetElapsedTime(sent);
                if (wait > TimeSpan.Zero && Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency) < measureTo)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                else if (wait > TimeSpan.Zero)
                {
                    break;
                }
            }
        }

        async Task<(double Bot, double Graph, MachineCpu? Machine, int DriverCollections, TimeSpan DriverPaused)> CpuAtMeasureStartAsync()
        {
            var untilMeasuring = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            if (untilMeasuring > TimeSpan.Zero)
            {
                await Task.Delay(untilMeasuring, cancellationToken);
            }

            return (bot.CpuSeconds(), graph.CpuSeconds(), MachineCpu.Read(), GC.CollectionCount(0), GC.GetTotalPauseDuration());
        }

        double warmCpu = bot.CpuSeconds();
        var cpuAtStart = CpuAtMeasureStartAsync();
        await Task.WhenAll(Enumerable.Range(0, settings.Conversations).Select(c => Task.Run(() => ConversationAsync(c), cancellationToken)));
        var (cpuBefore, graphCpuBefore, machineBefore, driverCollectionsBefore, driverPausedBefore) = await cpuAtStart;
        var machine = machineBefore is { } before && MachineCpu.Read() is { } after ? after - before : (MachineCpu?)null;
        double seconds = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
        var all = samples.SelectMany(l => l).ToList();
        var warmUpSamples = all.Where(r => r.Ok && r.Sent < measureFrom).ToList();
        var measured = all.Where(r => r.Ok && r.Sent >= measureFrom).ToList();
        // The card is posted when the Connector accepts it: its arrival there plus the Connector's injected latency. The
        // fake Connector's waiting thread wakes a little after that deadline (p99 0.5-4.6 ms in calm minutes, more when the
        // hypervisor is busy), which is this machine's timer, not the bot and not a real Connector; so the headline figure
        // counts the injected latency exactly and the answer as the fake Connector sent it is printed beside it.
        long connectorLatencyTicks = (long)(settings.ConnectorLatencyMilliseconds / 1000.0 * Stopwatch.Frequency);
        var warmCard = LatencySummary.FromTimestampDeltas(warmUpSamples.Select(r => r.CardArrived + connectorLatencyTicks - r.Sent).ToList());
        var card = LatencySummary.FromTimestampDeltas(measured.Select(r => r.CardArrived + connectorLatencyTicks - r.Sent).ToList());
        var answeredByConnector = LatencySummary.FromTimestampDeltas(measured.Select(r => r.CardPosted - r.Sent).ToList());
        var http = LatencySummary.FromTimestampDeltas(measured.Select(r => r.Answered - r.Sent).ToList());
        var arrived = LatencySummary.FromTimestampDeltas(measured.Select(r => r.CardArrived - r.Sent).ToList());
        var connectorLate = LatencySummary.FromTimestampDeltas(measured.Select(r => r.CardPosted - r.CardArrived - connectorLatencyTicks).ToList());
        double peak = bot.PeakRssMegabytes();
        double warmCpuPerCommand = (cpuBefore - warmCpu) * 1000.0 / Math.Max(1, all.Count(r => r.Sent < measureFrom));
        double cpuPerCommand = (bot.CpuSeconds() - cpuBefore) * 1000.0 / Math.Max(1, card.Count + failed);
        double graphCpuPerCommand = (graph.CpuSeconds() - graphCpuBefore) * 1000.0 / Math.Max(1, card.Count + failed);
        output.WriteLine($"  warm-up, the same paced load for {settings.MeetingWarmUp.TotalSeconds:0} s: {warmCard.Count} commands, request -> card posted p50 {LatencySummary.Format(warmCard.P50)} ms  p99 {LatencySummary.Format(warmCard.P99)} ms; bot process CPU {warmCpuPerCommand:0.0} ms per command (tiered JIT at work)");
        output.WriteLine($"  measured: {settings.Conversations} concurrent conversations, one command per {settings.CommandInterval.TotalMilliseconds:0} ms each: {card.Count} commands in {seconds:0.0} s ({card.Count / seconds:0} /s), {failed} failed; bot process CPU {cpuPerCommand:0.0} ms per command (simulated Graph in its own process: {graphCpuPerCommand:0.0} ms)" + (machine is { } m ? "; " + m.Describe() : ""));
        output.WriteLine($"  request -> card posted:  p50 {LatencySummary.Format(card.P50)} ms  p95 {LatencySummary.Format(card.P95)} ms  p99 {LatencySummary.Format(card.P99)} ms  max {LatencySummary.Format(card.Max)} ms (the card at the Connector plus its injected {settings.ConnectorLatencyMilliseconds} ms)");
        output.WriteLine($"  request -> card at the Connector: p50 {LatencySummary.Format(arrived.P50)} ms  p95 {LatencySummary.Format(arrived.P95)} ms  p99 {LatencySummary.Format(arrived.P99)} ms  max {LatencySummary.Format(arrived.Max)} ms (the Graph latency is the only one injected before it)");
        output.WriteLine($"  request -> card post answered by the fake Connector: p50 {LatencySummary.Format(answeredByConnector.P50)} ms  p95 {LatencySummary.Format(answeredByConnector.P95)} ms  p99 {LatencySummary.Format(answeredByConnector.P99)} ms  max {LatencySummary.Format(answeredByConnector.Max)} ms (its own lateness included)");
        output.WriteLine($"    its answer came after its {settings.ConnectorLatencyMilliseconds} ms plus p50 {LatencySummary.Format(connectorLate.P50)} ms  p95 {LatencySummary.Format(connectorLate.P95)} ms  p99 {LatencySummary.Format(connectorLate.P99)} ms  max {LatencySummary.Format(connectorLate.Max)} ms (its waiting thread waking late: this machine's timer, not the bot)");
        output.WriteLine($"  request -> HTTP 200:     p50 {LatencySummary.Format(http.P50)} ms  p95 {LatencySummary.Format(http.P95)} ms  p99 {LatencySummary.Format(http.P99)} ms");
        output.WriteLine($"  injected latency on the critical path (createOrGet + card post): {settings.GraphLatencyMilliseconds + settings.ConnectorLatencyMilliseconds} ms");
        output.WriteLine($"  peak RSS (warm-up included): {peak.ToString("0", CultureInfo.InvariantCulture)} MB");
        int driverCollections = GC.CollectionCount(0) - driverCollectionsBefore;
        var driverPaused = GC.GetTotalPauseDuration() - driverPausedBefore;
        DriverNoGcRegion.End(noGcRegion);
        output.WriteLine($"  the load driver (requests, clocks, fake Connector) paused for its own garbage collection {driverCollections} times in the measured window ({driverPaused.TotalMilliseconds:0.0} ms){(noGcRegion ? "" : "; it could not reserve a no-GC region on this runtime")}");
        await PrintWakeupsAsync("after the load", output, cancellationToken);
        return new MeetingFigures(cold, warm, settings.Conversations, card.Count, failed, seconds, card, http, peak);
    }

    /// <summary>The machine's own latency noise, measured while no load runs (see <see cref="WakeupProbe"/>).</summary>
    private static async Task PrintWakeupsAsync(string when, TextWriter output, CancellationToken cancellationToken)
    {
        var late = await WakeupProbe.MeasureAsync(2000, cancellationToken);
        if (late is not null)
        {
            output.WriteLine($"  this machine, idle, {when}: a sleeping thread woke after its deadline by p50 {LatencySummary.Format(late.P50)} ms  p99 {LatencySummary.Format(late.P99)} ms  p99.9 {LatencySummary.Format(late.P999)} ms  max {LatencySummary.Format(late.Max)} ms ({late.Count} sleeps of 1 ms; every hop between threads and processes on a command's path waits for such a wakeup)");
        }
    }

    private static string Conversation(int index) => "19:bench-meet-" + index.ToString(CultureInfo.InvariantCulture) + "@thread.v2";

    /// <summary>Runs a few commands one at a time through the Graph tap and reads the call order from timestamps.</summary>
    private static async Task<(int Cold, IReadOnlyList<int> Warm)> TraceAsync(DriverSettings settings, BenchConnector connector, TextWriter output, CancellationToken cancellationToken)
    {
        await using var tap = await GraphTap.StartAsync(cancellationToken);
        using var bot = ChildProcess.Start(settings.BotDll, LocalEnvironment(settings, "meeting-trace-bot.db", tap.BaseUrl), Path.Combine(settings.WorkDirectory, "meeting-trace-bot.log"));
        tap.Target = new Uri(bot.BaseAddress, "_local/graph/v1.0");
        await ServerProbe.WaitHealthyAsync(bot, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri(bot.BaseAddress, "api/messages");
        connector.Recording = true;
        int cold = 0;
        var warm = new List<int>();
        for (int i = 0; i < settings.TraceCommands; i++)
        {
            connector.ClearCalls();
            tap.ClearCalls();
            var result = await SendAsync(client, url, connector, connector.ServiceUrl, "19:bench-trace@thread.v2", "trace-" + i.ToString(CultureInfo.InvariantCulture), cancellationToken);
            if (!result.Ok)
            {
                throw new InvalidOperationException($"Traced 'meet now' {i + 1} got no card ({result.Failure}); see meeting-trace-bot.log in the work directory.");
            }

            var calls = connector.Calls.Select(c => (Start: c.StartTimestamp, End: c.EndTimestamp, What: "connector " + c.Method + " " + c.What))
                .Concat(tap.Calls.Select(g => (Start: g.StartTimestamp, End: g.EndTimestamp, What: "graph " + g.Method + " " + ShortGraphPath(g.Path) + " -> " + g.Status.ToString(CultureInfo.InvariantCulture))))
                .Where(c => c.Start >= result.Sent && c.Start <= result.Answered)
                .OrderBy(c => c.Start)
                .ToList();
            int sequential = LongestSequentialChain(calls.Select(c => (c.Start, c.End)));
            if (i == 0)
            {
                cold = sequential;
            }
            else
            {
                warm.Add(sequential);
            }

            if (i <= 1)
            {
                output.WriteLine($"  trace of command {i + 1} ({(i == 0 ? "cold member cache" : "warm caches")}): {sequential} sequential remote calls on the critical path");
                foreach (var call in calls)
                {
                    output.WriteLine($"    +{Ms(call.Start - result.Sent),7} ms .. +{Ms(call.End - result.Sent),7} ms  {call.What}");
                }

                output.WriteLine($"    +{Ms(result.CardPosted - result.Sent),7} ms  card post answered; +{Ms(result.Answered - result.Sent)} ms HTTP 200 to the channel");
            }

            await Task.Delay(600, cancellationToken);
        }

        output.WriteLine($"  sequential remote calls per command: cold {cold}; warm {string.Join(", ", warm)} (trace goes through a recording proxy in front of the simulated Graph)");
        return (cold, warm);
    }

    /// <summary>The longest chain of calls each starting after the previous one ended (greedy by earliest end).</summary>
    internal static int LongestSequentialChain(IEnumerable<(long Start, long End)> calls)
    {
        int count = 0;
        long lastEnd = long.MinValue;
        foreach (var (start, end) in calls.OrderBy(c => c.End))
        {
            if (start >= lastEnd)
            {
                count++;
                lastEnd = end;
            }
        }

        return count;
    }

    private static string ShortGraphPath(string path)
    {
        int meetings = path.IndexOf("/onlineMeetings", StringComparison.Ordinal);
        return meetings >= 0 ? path[meetings..] : path;
    }

    private static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.0", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> LocalEnvironment(DriverSettings settings, string database, string? graphBaseUrl)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["MicrosoftAppId"] = "",
            ["LocalGraph__LatencyMilliseconds"] = settings.GraphLatencyMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Storage__Provider"] = "Sqlite",
            ["Storage__Sqlite__Path"] = Path.Combine(settings.WorkDirectory, database),
        };
        if (graphBaseUrl is not null)
        {
            environment["Graph__BaseUrl"] = graphBaseUrl;
        }

        return environment;
    }

    private static async Task<CommandResult> SendAsync(HttpClient client, Uri url, BenchConnector connector, string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var reply = connector.WatchReply(activityId);
        using var content = new StringContent(ActivityJson.GroupMeetNow(serviceUrl, conversationId, activityId, TimeProvider.System.GetUtcNow()), Encoding.UTF8, "application/json");
        long sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsync(url, content, cancellationToken);
            long answered = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                connector.ForgetReply(activityId);
                return new CommandResult(false, sent, 0, 0, answered, string.Create(CultureInfo.InvariantCulture, $"the bot answered HTTP {(int)response.StatusCode}"));
            }

            var posted = await reply.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new CommandResult(true, sent, posted.ArrivedTimestamp, posted.AnsweredTimestamp, answered, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            connector.ForgetReply(activityId);
            return new CommandResult(false, sent, 0, 0, Stopwatch.GetTimestamp(), ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <param name="CardArrived">When the card post reached the fake Connector.</param>
    /// <param name="CardPosted">When the fake Connector answered the card post: its injected latency after <paramref name="CardArrived"/>, plus however late its waiting thread woke (the figures count the card as posted at the arrival plus the injected latency).</param>
    /// <param name="Failure">Why a command failed (the bot's status, or the exception), null when it did not.</param>
    private readonly record struct CommandResult(bool Ok, long Sent, long CardArrived, long CardPosted, long Answered, string? Failure);
}
