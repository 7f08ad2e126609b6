using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Figures of one server under the protocol load.</summary>
internal sealed record ServerFigures(string Name, double FirstAnswerMilliseconds, IReadOnlyList<LoadResult> Runs, double PeakRssMegabytes, long RepliesPosted);

/// <summary>
/// The protocol load: the real bot in production authentication mode answering <c>help</c> (token
/// validated against loopback OpenID metadata/JWKS, help card posted to the fake Connector), then the
/// same load against the bare ASP.NET Core endpoint. 64 then 8 connections; a unique activity id per
/// request, round-robin over <see cref="ConversationPool"/> conversations.
/// </summary>
internal static class ProtocolScenario
{
    public const string AppId = "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b";
    /// <summary>
    /// Conversations the requests rotate through. Each one then stays under Teams' per-conversation write
    /// limits (which the bot enforces: 60 per 30 s, so 2 per second sustained) up to about 16,000 requests
    /// per second, while the bot still sees thousands of distinct conversations, as an organisation's bot
    /// does. With 4,096 a run reaching 8,000 requests/s hit that limit and the pacer held replies for seconds.
    /// </summary>
    public const int ConversationPool = 8192;

    private static readonly int[] ConnectionCounts = [64, 8];

    public static async Task<(ServerFigures Bot, ServerFigures Bare)> RunAsync(DriverSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using var keys = await KeyServer.StartAsync(cancellationToken);
        await using var connector = await BenchConnector.StartAsync(new Dictionary<string, string>(), cancellationToken);
        string serviceUrl = connector.ServiceUrl;

        // Azure Bot Service reuses one token per bot for its lifetime, so one minted token is realistic.
        string authorization = "Bearer " + keys.Key.CreateToken(AppId, serviceUrl, TimeProvider.System.GetUtcNow());
        string database = Path.Combine(settings.WorkDirectory, "protocol-bot.db");
        var botEnvironment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = ActivityJson.TenantId,
            ["MicrosoftAppPassword"] = "bench-secret-never-used-loopback-connector-gets-no-token",
            ["BotAuthentication__OpenIdMetadataUrl"] = keys.MetadataUrl,
            ["BotAuthentication__RequireHttpsMetadata"] = "false",
            ["Connector__AllowLoopbackServiceUrls"] = "true",
            ["Storage__Provider"] = "Sqlite",
            ["Storage__Sqlite__Path"] = database,
        };

        output.WriteLine("== Protocol load: bot (production auth) answering 'help' ==");
        ServerFigures bot;
        using (var process = ChildProcess.Start(settings.BotDll, botEnvironment, Path.Combine(settings.WorkDirectory, "protocol-bot.log")))
        {
            bot = await MeasureAsync("TeamsMeetBot", process, serviceUrl, authorization, connector, settings, output, cancellationToken);
            var wal = new FileInfo(database + "-wal");
            output.WriteLine($"  SQLite database {Megabytes(new FileInfo(database))} MB, write-ahead log {Megabytes(wal)} MB after the load (the bot keeps the WAL near 64 MB)");
        }

        output.WriteLine("== Protocol load: bare ASP.NET Core endpoint (deserialize, 200) ==");
        ServerFigures bare;
        var bareEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        using (var process = ChildProcess.Start(settings.BareDll, bareEnvironment, Path.Combine(settings.WorkDirectory, "protocol-bare.log")))
        {
            bare = await MeasureAsync("bare endpoint", process, serviceUrl, authorization, null, settings, output, cancellationToken);
        }

        return (bot, bare);
    }

    private static string Megabytes(FileInfo file) =>
        (file.Exists ? file.Length / 1048576.0 : 0).ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task<ServerFigures> MeasureAsync(
        string name, ChildProcess process, string serviceUrl, string authorization, BenchConnector? connector, DriverSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        double first = await ServerProbe.FirstAnswerAsync(
            process, id => ActivityJson.PersonalHelp(serviceUrl, "a:bench-first-" + id, id, TimeProvider.System.GetUtcNow()), authorization, connector, cancellationToken);
        output.WriteLine($"  start to first answer: {first.ToString("0", CultureInfo.InvariantCulture)} ms");
        long postedBefore = connector?.ActivitiesPosted ?? 0;
        var runs = new List<LoadResult>();
        long requestCounter = 0;
        foreach (int connections in ConnectionCounts)
        {
            string tag = connections.ToString(CultureInfo.InvariantCulture);
            double cpuBefore = process.CpuSeconds();
            var result = await ClosedLoopLoad.RunAsync(
                new Uri(process.BaseAddress, "api/messages"), connections, settings.WarmUp, settings.Measured,
                (worker, sequence) =>
                {
                    string id = string.Create(CultureInfo.InvariantCulture, $"{tag}-{worker}-{sequence}");
                    long conversation = Interlocked.Increment(ref requestCounter) % ConversationPool;
                    return ActivityJson.PersonalHelp(serviceUrl, "a:bench-conversation-" + conversation.ToString(CultureInfo.InvariantCulture), "bench-" + id, TimeProvider.System.GetUtcNow());
                },
                authorization, cancellationToken);
            runs.Add(result);
            double cpuPerRequest = (process.CpuSeconds() - cpuBefore) * 1000.0 / Math.Max(1, result.SucceededIncludingWarmUp);
            output.WriteLine($"  {connections,2} connections: {result.RequestsPerSecond,8:0} req/s  p50 {LatencySummary.Format(result.Latency.P50)} ms  p90 {LatencySummary.Format(result.Latency.P90)} ms  p99 {LatencySummary.Format(result.Latency.P99)} ms  max {LatencySummary.Format(result.Latency.Max)} ms  ({result.Succeeded} ok, {result.Failed} failed; server CPU {cpuPerRequest.ToString("0.000", CultureInfo.InvariantCulture)} ms/request)");
        }

        double peak = process.PeakRssMegabytes();
        long posted = (connector?.ActivitiesPosted ?? 0) - postedBefore;
        output.WriteLine($"  peak RSS: {peak.ToString("0", CultureInfo.InvariantCulture)} MB" + (connector is null ? "" : $"; help cards posted to the connector: {posted} for {runs.Sum(r => r.SucceededIncludingWarmUp)} activities answered 200 (warm-up included)"));
        return new ServerFigures(name, first, runs, peak, posted);
    }
}
