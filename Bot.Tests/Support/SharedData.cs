using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// Finds the project's shared reference data (<c>shared/</c>: schemas, captured Teams and Playground
/// payloads, Graph payloads). CI lays it beside the clone (<c>../shared</c>); TEAMSMEETBOT_SHARED
/// overrides. A clone of a local clone (<c>git clone . /tmp/x</c>) finds it beside the repository it was
/// cloned from. A missing folder fails loudly: tests never silently skip their data.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Dir => Root.Value;

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Dir, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static JsonNode ReadJson(params string[] parts) => JsonNode.Parse(ReadText(parts))!;

    /// <summary>A Playground capture's activity (<c>body</c>) or a Teams payload file as raw JSON text.</summary>
    public static string ActivityJson(string folder, string file)
    {
        var node = ReadJson(folder, file);
        return node["body"] is JsonObject body ? body.ToJsonString() : node.ToJsonString();
    }

    public static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(PathOf(folder), pattern).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static string Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("TEAMSMEETBOT_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(System.IO.Path.Combine(fromEnv, "DESIGN.md")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (File.Exists(System.IO.Path.Combine(candidate, "DESIGN.md")))
            {
                return candidate;
            }

            if (LocalOrigin(dir.FullName) is { } origin
                && System.IO.Path.GetFullPath(System.IO.Path.Combine(origin, "..", "shared")) is { } besideOrigin
                && File.Exists(System.IO.Path.Combine(besideOrigin, "DESIGN.md")))
            {
                return besideOrigin;
            }
        }

        throw new InvalidOperationException(
            "The shared reference data (shared/DESIGN.md, schemas, payloads) was not found beside the repository. " +
            "Place it at ../shared relative to the clone or set TEAMSMEETBOT_SHARED.");
    }

    /// <summary>The <c>origin</c> remote of the git repository at <paramref name="directory"/> when it is a local folder.</summary>
    private static string? LocalOrigin(string directory)
    {
        string config = System.IO.Path.Combine(directory, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        bool inOrigin = false;
        foreach (string raw in File.ReadLines(config))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
            }
            else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is int equals and > 0)
            {
                string url = line[(equals + 1)..].Trim();
                return System.IO.Path.IsPathRooted(url) && Directory.Exists(url) ? url : null;
            }
        }

        return null;
    }

    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}
