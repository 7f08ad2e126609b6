using System.Diagnostics;
using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// A server started as <c>dotnet &lt;dll&gt; --urls http://127.0.0.1:&lt;port&gt;</c> (or a Node.js script) in its own process, so its
/// memory is its own: <see cref="PeakRssMegabytes"/> reads the kernel's high-water mark (VmHWM).
/// Output goes to a log file. Disposing kills this process (only this one) and waits for it.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logGate = new();

    private ChildProcess(Process process, StreamWriter log, long startTimestamp, int port)
    {
        this.process = process;
        this.log = log;
        StartTimestamp = startTimestamp;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Stopwatch timestamp taken just before the process was started.</summary>
    public long StartTimestamp { get; }

    public Uri BaseAddress { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>dotnet &lt;dll&gt; --urls http://127.0.0.1:&lt;free port&gt;</c>.</summary>
    public static ChildProcess Start(string dll, IReadOnlyDictionary<string, string> environment, string logPath) =>
        Start("dotnet", port => [dll, "--urls", "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)], environment, logPath);

    /// <summary>Starts <c>node &lt;script&gt; --port &lt;free port&gt;</c> (the script binds 127.0.0.1 itself).</summary>
    public static ChildProcess StartNode(string script, IReadOnlyDictionary<string, string> environment, string logPath) =>
        Start("node", port => [script, "--port", port.ToString(CultureInfo.InvariantCulture)], environment, logPath);

    private static ChildProcess Start(string fileName, Func<int, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        int port = LoopbackServer.FreePort();
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        foreach (string argument in arguments(port))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        long started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException(fileName + " could not be started.");
        var child = new ChildProcess(process, log, started, port);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Peak resident set size of the process so far (VmHWM), in MB.</summary>
    public double PeakRssMegabytes() => ReadStatusKilobytes("VmHWM:") / 1024.0;

    /// <summary>CPU time (user + system) the process has used so far, in seconds (from /proc/&lt;pid&gt;/stat).</summary>
    public double CpuSeconds()
    {
        string stat = File.ReadAllText($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>Current resident set size (VmRSS), in MB.</summary>
    public double RssMegabytes() => ReadStatusKilobytes("VmRSS:") / 1024.0;

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000);
        process.Dispose();
        lock (logGate)
        {
            log.Dispose();
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        foreach (string line in File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                string number = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logGate)
        {
            log.WriteLine(line);
        }
    }
}
