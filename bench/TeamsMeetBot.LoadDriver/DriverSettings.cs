using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Command-line settings of the load driver; every run is bounded in time and count.</summary>
internal sealed record DriverSettings
{
    public required string BotDll { get; init; }
    public required string BareDll { get; init; }
    public required string WorkDirectory { get; init; }

    /// <summary>
    /// The JavaScript baseline (bench/js-baseline/bot.js, its packages installed beside it), run with <c>node</c> in the
    /// protocol load's rotation; none when <c>--js-bot</c> is not given.
    /// </summary>
    public string? JsBot { get; init; }
    public bool Quick { get; init; }
    /// <summary>
    /// Unmeasured load before a server's first measured window at each connection count. On 2 cores the bot took
    /// more than 10 s of load to reach its steady state (tiered compilation of the message path competes with it).
    /// </summary>
    public TimeSpan ProtocolWarmUp => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);
    public TimeSpan Measured => Quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(20);
    public TimeSpan MeetingWarmUp => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(20);
    public TimeSpan MeetingMeasured => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
    public int GraphLatencyMilliseconds { get; init; } = 40;
    public int ConnectorLatencyMilliseconds { get; init; } = 20;
    public int Conversations { get; init; } = 200;

    /// <summary>Each conversation sends its next command this long after the previous one was sent (or when it is answered, if later).</summary>
    public TimeSpan CommandInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int TraceCommands => Quick ? 3 : 8;

    public static DriverSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new DriverSettings
        {
            BotDll = Path.GetFullPath(Value("--bot-dll") ?? throw new ArgumentException("--bot-dll <path to TeamsMeetBot.dll> is required")),
            BareDll = Path.GetFullPath(Value("--bare-dll") ?? throw new ArgumentException("--bare-dll <path to TeamsMeetBot.BareEndpoint.dll> is required")),
            WorkDirectory = Path.GetFullPath(Value("--work-dir") ?? Path.Combine(Path.GetTempPath(), "teamsmeetbot-bench")),
            JsBot = Value("--js-bot") is { } script ? Path.GetFullPath(script) : null,
            Quick = args.Contains("--quick", StringComparer.Ordinal),
            GraphLatencyMilliseconds = Int("--graph-latency-ms", 40),
            ConnectorLatencyMilliseconds = Int("--connector-latency-ms", 20),
            Conversations = Int("--conversations", 200),
            CommandInterval = TimeSpan.FromMilliseconds(Int("--interval-ms", 10_000)),
        };
    }
}
