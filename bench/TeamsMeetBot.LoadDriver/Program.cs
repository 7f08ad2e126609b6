using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// <c>TeamsMeetBot.LoadDriver --bot-dll &lt;TeamsMeetBot.dll&gt; --bare-dll &lt;TeamsMeetBot.BareEndpoint.dll&gt; [--quick]
/// [--work-dir dir] [--graph-latency-ms 40] [--connector-latency-ms 20] [--conversations 200] [--interval-ms 10000]
/// [--only protocol|meeting] [--js-bot bench/js-baseline/bot.js]</c>. All traffic stays on 127.0.0.1; every phase is bounded in time.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var settings = DriverSettings.Parse(args);
        Directory.CreateDirectory(settings.WorkDirectory);
        foreach (string stale in Directory.EnumerateFiles(settings.WorkDirectory).Where(f => f.Contains(".db", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal)))
        {
            // Each run starts with empty bot databases, so no activity id counts as a redelivery of an earlier run's.
            File.Delete(stale);
        }

        int only = Array.IndexOf(args, "--only");
        string scope = only >= 0 && only + 1 < args.Length ? args[only + 1] : "all";
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(settings.Quick ? 5 : 15));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var output = Console.Out;
        output.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}; mode {(settings.Quick ? "quick" : "full")}; logs in {settings.WorkDirectory}");
        if (scope is "all" or "protocol")
        {
            var (bot, bare, javaScript) = await ProtocolScenario.RunAsync(settings, output, cancellation.Token);
            output.WriteLine("  bot throughput as a share of the bare endpoint: " + ShareOfBare(bot, bare));
            if (javaScript is not null)
            {
                output.WriteLine("  JavaScript SDK throughput as a share of the bare endpoint: " + ShareOfBare(javaScript, bare));
                output.WriteLine("  bot throughput over the JavaScript SDK's: " + string.Join(", ", bot.Runs.Select((b, i) =>
                    $"{b.Connections} connections {(b.RequestsPerSecond / javaScript.Runs[i].RequestsPerSecond).ToString("0.0", CultureInfo.InvariantCulture)}×")));
            }
        }

        if (scope is "all" or "meeting")
        {
            await MeetingScenario.RunAsync(settings, output, cancellation.Token);
        }

        return 0;
    }

    private static string ShareOfBare(ServerFigures server, ServerFigures bare) => string.Join(", ", server.Runs.Select((s, i) =>
    {
        // Each server's window ran right before or after the bare endpoint's: the spread of the pairs' shares is the machine's noise.
        var pairs = server.Windows[i].Zip(bare.Windows[i], (w, r) => 100.0 * w.RequestsPerSecond / r.RequestsPerSecond).Order().ToList();
        return $"{s.Connections} connections {Percent(100.0 * s.RequestsPerSecond / bare.Runs[i].RequestsPerSecond)} % (window pairs {Percent(pairs[0])}–{Percent(pairs[^1])} %)";
    }));

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
