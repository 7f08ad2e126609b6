using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsMeetBot.Tests.Manifest;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Playground;

/// <summary>
/// The real bot (in-process, Kestrel on 127.0.0.1, local mode) and the real Microsoft 365 Agents
/// Playground (node, pinned by playground/package-lock.json) pointed at it, with the checked-in
/// playground/.m365agentsplayground.yml, telemetry off and every socket on loopback
/// (playground/loopback-only.cjs). A missing Playground is installed with scripts/install-playground.sh;
/// if that fails the tests fail with the reason (never a silent skip).
/// </summary>
public sealed partial class PlaygroundFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly string _workspace = Directory.CreateTempSubdirectory("teamsmeetbot-playground-").FullName;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public BotHost Bot { get; } = new();

    /// <summary>http://127.0.0.1:port/ of the Playground.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The mock tenant the Playground loaded (GET /_internal/v1/config → config).</summary>
    public JsonObject Config { get; private set; } = null!;

    public string BotId => (string)Config["bot"]!["id"]!;

    public string BotName => (string)Config["bot"]!["name"]!;

    public string PersonalChatId => (string)Config["personalChat"]!["id"]!;

    public string GroupChatId => (string)Config["groupChats"]![0]!["id"]!;

    /// <summary>The team's extra channel (the config's <c>team.channels[0]</c>; the loaded config also lists General, whose id is the team's).</summary>
    public string ChannelId
    {
        get
        {
            var team = Config["teams"]![0]!;
            return team["channels"]!.AsArray().Select(c => (string)c!["id"]!).Single(id => id != (string)team["id"]!);
        }
    }

    public string CurrentUserId => (string)Config["currentUser"]!["id"]!;

    public JsonObject User(string name) =>
        Config["users"]!.AsArray().Select(u => u!.AsObject()).Single(u => (string)u["name"]! == name);

    public string LogTail => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(40)) : "(no Playground log)";

    private string LogFile => Path.Combine(_workspace, "playground.log");

    public async Task InitializeAsync()
    {
        var install = await ScriptRun.BashAsync("scripts/install-playground.sh", [], null, TimeSpan.FromMinutes(5));
        string cli = RepositoryFiles.PathOf(".tools", "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (install.ExitCode != 0 || !File.Exists(cli))
        {
            throw new InvalidOperationException(
                "The Agents Playground is not installed and scripts/install-playground.sh could not install it (it needs Node.js 20+ with npm and access to the npm registry).\n" + install.Describe());
        }

        Uri bot = Bot.BaseAddress;
        int port = FreeLoopbackPort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string portText = port.ToString(CultureInfo.InvariantCulture);
        foreach (string argument in new[]
        {
            "-r", RepositoryFiles.PathOf("playground", "loopback-only.cjs"), cli, "start",
            "--port", portText,
            "--app-endpoint", new Uri(bot, "api/messages").ToString(),
            "--channel-id", "msteams",
            "--service-url", $"http://127.0.0.1:{portText}/_connector",
            "--disable-telemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = LogFile;
        start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = RepositoryFiles.PathOf("playground", ".m365agentsplayground.yml");

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Could not run 'node' to start the Agents Playground: install Node.js 20+.", ex);
        }

        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // The Playground silently moves to a random port when its port is taken: insist on ours.
        var listening = await Task.WhenAny(_listening.Task, Task.Delay(StartupTimeout));
        if (listening != _listening.Task || _listening.Task.Result != port)
        {
            throw new InvalidOperationException($"The Playground did not listen on {port}.\n{Output()}\n{LogTail}");
        }

        BaseAddress = new Uri($"http://127.0.0.1:{portText}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = Stopwatch.StartNew();
        while (!await PingsAsync())
        {
            if (_process.HasExited || deadline.Elapsed > StartupTimeout)
            {
                throw new InvalidOperationException($"The Playground did not answer /_debug/ping (exited: {_process.HasExited}).\n{Output()}\n{LogTail}");
            }

            await Task.Delay(100);
        }

        Config = JsonNode.Parse(await Http.GetStringAsync(new Uri("_internal/v1/config", UriKind.Relative)))!["config"]!.AsObject();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
            process.Dispose();
        }

        await Bot.DisposeAsync();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            return await Http.GetStringAsync(new Uri("_debug/ping", UriKind.Relative)) == "pong";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return "Playground output:\n" + _output;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"Listening on (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();
}
