using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>
/// Runs the Azurite table emulator for one test class: <c>node .tools/node_modules/.bin/azurite-table</c>
/// on 127.0.0.1 with a free port and in-memory persistence, stopped (process tree killed) at the end.
/// It can be stopped and started again on the same port to simulate a store that goes away for a
/// moment. Azurite is installed by <c>.ci/install-azurite.sh</c>; when it is missing every test that
/// uses this fixture fails with that instruction (never a silent skip).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's fixed development account (documented, public, not a secret).
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private readonly Queue<string> _recentOutput = new();
    private readonly string _workspace = Directory.CreateTempSubdirectory("teamsmeetbot-azurite-").FullName;
    private Process? _process;
    private string? _script;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    /// <summary>A store on this Azurite. Retries are few and short so an outage shows within seconds.</summary>
    public AzureTableBotStore CreateStore(string tablePrefix, TimeProvider time)
    {
        var options = new AzureTableStoreOptions
        {
            ConnectionString = ConnectionString,
            TablePrefix = tablePrefix,
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            NetworkTimeout = TimeSpan.FromSeconds(5),
        };
        return new AzureTableBotStore(AzureTableBotStore.CreateServiceClient(options, credential: null), options, time, NullLogger<AzureTableBotStore>.Instance);
    }

    public TableServiceClient CreateServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        _script = LocateAzurite();
        for (int attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port was taken between asking for it and Azurite binding it (another test's server, seen
                // once as a Kestrel 404 to "create table"): Azurite exits, and a new port is tried.
                await StopAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Starts Azurite on <see cref="Port"/> and waits until the port accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workspace,
        };
        foreach (string argument in new[]
        {
            _script!, "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        lock (_recentOutput)
        {
            _recentOutput.Clear();
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Could not run 'node' to start Azurite: install Node.js 20+ and run .ci/install-azurite.sh.", ex);
        }

        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AzuriteAnswersAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on 127.0.0.1:{Port}. Output:\n{RecentOutput()}");
            }

            if (deadline.Elapsed > StartupTimeout)
            {
                await StopAsync();
                throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{Port} within {StartupTimeout.TotalSeconds} s. Output:\n{RecentOutput()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills Azurite (and anything it started); with in-memory persistence its data is gone.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
        }
        finally
        {
            process.Dispose();
        }

        // The port must refuse connections before a test relies on the outage.
        var deadline = Stopwatch.StartNew();
        while (await PortAnswersAsync() && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Whether Azurite itself answers on <see cref="Port"/> (its "Server" header says so), not some other server that took the port.</summary>
    private async Task<bool> AzuriteAnswersAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{Port}/{AccountName}"));
            return response.Headers.Server.ToString().Contains("Azurite", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> PortAnswersAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
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

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > 40)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return string.Join('\n', _recentOutput);
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

    private static readonly object InstallLock = new();

    private static void InstallAzurite(string repositoryRoot)
    {
        lock (InstallLock)
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(repositoryRoot, ".ci", "install-azurite.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
            }

            Task.WaitAll([output, errors], TimeSpan.FromSeconds(10));
        }
    }

    /// <summary><c>&lt;repo&gt;/.tools/node_modules/.bin/azurite-table</c>, found by walking up from the test binaries to the solution.</summary>
    private static string LocateAzurite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TeamsMeetBot.sln")))
            {
                continue;
            }

            string script = Path.Combine(dir.FullName, ".tools", "node_modules", ".bin", "azurite-table");
            if (File.Exists(script))
            {
                return script;
            }

            // First run on a fresh machine: install the pinned Azurite with the repository's own script.
            InstallAzurite(dir.FullName);
            if (File.Exists(script))
            {
                return script;
            }

            throw new InvalidOperationException(
                $"Azurite is not installed ({script} is missing) and .ci/install-azurite.sh did not install it. Run that script from the repository root " +
                "(it installs the pinned npm package azurite into .tools/ and needs Node.js 20+ with npm), then run the tests again.");
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (TeamsMeetBot.sln) above {AppContext.BaseDirectory}, so Azurite cannot be located. Run the tests from a clone of the repository.");
    }
}
