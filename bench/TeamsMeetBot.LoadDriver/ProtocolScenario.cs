using System.Globalization;
using System.Text.Json.Nodes;
using TeamsMeetBot.BenchShared;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Figures of one server under the protocol load.</summary>
/// <param name="Windows">Per connection count (in the order first run), each measured window in the order run.</param>
internal sealed record ServerFigures(string Name, double FirstAnswerMilliseconds, IReadOnlyList<IReadOnlyList<LoadResult>> Windows, double PeakRssMegabytes, long RepliesPosted)
{
    /// <summary>Per connection count, its measured windows combined.</summary>
    public IReadOnlyList<LoadResult> Runs { get; } = [.. Windows.Select(LoadResult.Combine)];
}

/// <summary>The protocol load's figures: the bot, the bare endpoint and, when it ran, the JavaScript baseline.</summary>
internal sealed record ProtocolFigures(ServerFigures Bot, ServerFigures Bare, ServerFigures? JavaScript);

/// <summary>
/// The protocol load: the real bot in production authentication mode answering <c>help</c> (token
/// validated against loopback OpenID metadata/JWKS, help card posted to the fake Connector), then the
/// same load against the bare ASP.NET Core endpoint and, when <see cref="DriverSettings.JsBot"/> is given, against the
/// Bot Framework SDK for JavaScript doing the bot's job (the same token checks against the same metadata, the same
/// card posted to the same Connector), the servers taking turns in short windows. 64 then 8 connections;
/// a unique activity id per request, round-robin over <see cref="ConversationPool"/> conversations.
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

    /// <summary>Measured windows per server and connection count; the servers take turns.</summary>
    private const int Windows = 4;

    /// <summary>Warm-up of every window after a server's first (new connections; the server itself is warm by then).</summary>
    private static readonly TimeSpan WindowWarmUp = TimeSpan.FromSeconds(1);

    public static async Task<ProtocolFigures> RunAsync(DriverSettings settings, TextWriter output, CancellationToken cancellationToken)
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

        var bareEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        using var botProcess = ChildProcess.Start(settings.BotDll, botEnvironment, Path.Combine(settings.WorkDirectory, "protocol-bot.log"));
        var botServer = new LoadedServer("TeamsMeetBot", botProcess, connector);
        await botServer.FirstAnswerAsync(serviceUrl, authorization, cancellationToken);

        // The bare endpoint starts once the bot has answered, so neither start slows the other's. It runs in a directory
        // of its own: a process's working directory is its content root, which ASP.NET Core watches for settings changes
        // (inotify, subdirectories included). In the bot's directory, every write to the bot's database and WAL woke the
        // idle bare endpoint's watcher, which then took about a tenth of a core from the bot during the bot's windows.
        string bareDirectory = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, "bare")).FullName;
        using var bareProcess = ChildProcess.Start(settings.BareDll, bareEnvironment, Path.Combine(bareDirectory, "protocol-bare.log"));
        var bareServer = new LoadedServer("bare endpoint", bareProcess, null);
        await bareServer.FirstAnswerAsync(serviceUrl, authorization, cancellationToken);
        List<LoadedServer> servers = [botServer, bareServer];

        using var jsProcess = settings.JsBot is { } script ? StartJavaScriptBaseline(script, settings, keys, connector) : null;
        LoadedServer? jsServer = null;
        if (jsProcess is not null)
        {
            jsServer = new LoadedServer("Bot Framework SDK for JavaScript", jsProcess, connector);
            await jsServer.FirstAnswerAsync(serviceUrl, authorization, cancellationToken);
            servers.Add(jsServer);
        }

        // Both bots must refuse a token signed by another key (same key id, issuer, audience and claims), and post
        // nothing for it, before their figures mean anything side by side.
        using var otherKey = new BenchChannelKey();
        string forged = "Bearer " + otherKey.CreateToken(AppId, serviceUrl, TimeProvider.System.GetUtcNow());
        int botForgedStatus = await RefusesForgedTokenAsync(botProcess, "bench-forged-bot", forged, serviceUrl, connector, cancellationToken);
        int? jsForgedStatus = jsProcess is null ? null : await RefusesForgedTokenAsync(jsProcess, "bench-forged-js", forged, serviceUrl, connector, cancellationToken);

        // The servers take turns in short windows (bot, bare, bot, bare, ...) rather than one after the other: a
        // shared machine's speed drifts by tens of percent within minutes, and the share of the bare endpoint's
        // throughput is only meaningful when both were measured in the same minutes.
        var measured = settings.Measured / Windows;
        foreach (int connections in ConnectionCounts)
        {
            for (int window = 0; window < Windows; window++)
            {
                var warmUp = window == 0 ? settings.ProtocolWarmUp : WindowWarmUp;
                string tag = string.Create(CultureInfo.InvariantCulture, $"{connections}w{window}");
                foreach (var server in servers)
                {
                    await server.RunWindowAsync(connections, tag, warmUp, measured, serviceUrl, authorization, cancellationToken);
                }
            }
        }

        output.WriteLine("== Protocol load: bot (production auth) answering 'help' ==");
        output.WriteLine(ForgedTokenRefused(botForgedStatus));
        var bot = botServer.Report(output);
        var wal = new FileInfo(database + "-wal");
        output.WriteLine($"  SQLite database {Megabytes(new FileInfo(database))} MB, write-ahead log {Megabytes(wal)} MB after the load (the bot keeps the WAL near 64 MB)");
        output.WriteLine("== Protocol load: bare ASP.NET Core endpoint (deserialize, 200) ==");
        var bare = bareServer.Report(output);
        ServerFigures? javaScript = null;
        if (jsServer is not null)
        {
            output.WriteLine("== Protocol load: Bot Framework SDK for JavaScript (botbuilder, CloudAdapter, Node.js) answering 'help' with the same card ==");
            output.WriteLine(ForgedTokenRefused(jsForgedStatus ?? 0));
            javaScript = jsServer.Report(output);
        }

        output.WriteLine($"  each figure: {Windows} windows of {measured.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s per server and connection count, the servers taking turns ({(jsServer is null ? "bot, bare, bot, ..." : "bot, bare, JavaScript, bot, ...")})");
        return new ProtocolFigures(bot, bare, javaScript);
    }

    /// <summary>
    /// Starts bench/js-baseline/bot.js with the bot's app id and tenant, the same OpenID metadata URL, and the
    /// attachments the bot posted for its first <c>help</c>, so the two post the same card.
    /// </summary>
    private static ChildProcess StartJavaScriptBaseline(string script, DriverSettings settings, KeyServer keys, BenchConnector connector)
    {
        string posted = connector.FirstPostedActivity ?? throw new InvalidOperationException("The bot's first help card never reached the fake Connector.");
        var attachments = JsonNode.Parse(posted)?["attachments"] ?? throw new InvalidOperationException("The bot's first reply had no attachments: " + posted);
        string directory = Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, "js-baseline")).FullName;
        string replyFile = Path.Combine(directory, "help-attachments.json");
        File.WriteAllText(replyFile, attachments.ToJsonString());
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NODE_ENV"] = "production",
            ["BENCH_APP_ID"] = AppId,
            ["BENCH_TENANT_ID"] = ActivityJson.TenantId,
            ["BENCH_OPENID_METADATA_URL"] = keys.MetadataUrl,
            ["BENCH_REPLY_FILE"] = replyFile,
        };
        return ChildProcess.StartNode(script, environment, Path.Combine(directory, "protocol-js.log"));
    }

    /// <summary>Posts an activity with <paramref name="forged"/> to <paramref name="server"/>; returns the status it answered, or throws if it accepted the token or posted a card.</summary>
    private static async Task<int> RefusesForgedTokenAsync(ChildProcess server, string activityId, string forged, string serviceUrl, BenchConnector connector, CancellationToken cancellationToken)
    {
        string body = ActivityJson.PersonalHelp(serviceUrl, "a:bench-forged", activityId, TimeProvider.System.GetUtcNow());
        long postedBefore = connector.ActivitiesPosted;
        int status = await ServerProbe.StatusForForgedTokenAsync(server, body, forged, cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken); // a card posted after the answer still counts
        bool posted = connector.ActivitiesPosted != postedBefore;
        if (status is >= 200 and < 300 || posted)
        {
            throw new InvalidOperationException($"A token signed by another key was answered {status}{(posted ? " and a card was posted" : "")}: the figures would compare a server that does not check tokens.");
        }

        return status;
    }

    private static string ForgedTokenRefused(int status) =>
        $"  an activity with a token signed by another key (same key id and claims): refused with HTTP {status.ToString(CultureInfo.InvariantCulture)}, no card posted";

    private static string Megabytes(FileInfo file) =>
        (file.Exists ? file.Length / 1048576.0 : 0).ToString("0.0", CultureInfo.InvariantCulture);
}
