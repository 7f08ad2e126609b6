using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// Finds the project's shared reference data (<c>shared/</c>: schemas, captured Teams and Playground
/// payloads, Graph payloads). CI lays it beside the clone (<c>../shared</c>); TEAMSMEETBOT_SHARED
/// overrides. A missing folder fails loudly: tests never silently skip their data.
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
        }

        throw new InvalidOperationException(
            "The shared reference data (shared/DESIGN.md, schemas, payloads) was not found beside the repository. " +
            "Place it at ../shared relative to the clone or set TEAMSMEETBOT_SHARED.");
    }

    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}
