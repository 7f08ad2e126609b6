using System.Diagnostics;

namespace TeamsMeetBot.Tests.Manifest;

/// <summary>Runs one of the repository's scripts (bash) from the repository root and captures its output.</summary>
public static class ScriptRun
{
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string Describe() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Errors}";
    }

    /// <summary>Runs <c>bash &lt;repo&gt;/script args…</c>.</summary>
    public static Task<Result> BashAsync(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout) =>
        RunAsync("bash", [RepositoryFiles.PathOf(script.Split('/')), .. arguments], environment, timeout);

    /// <summary>Runs a program with the repository root as working directory.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // MSBuild worker nodes must not outlive the test run.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.");
        }

        return new Result(process.ExitCode, await output, await errors);
    }
}
