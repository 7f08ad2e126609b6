using System.IO.Compression;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Manifest;

/// <summary>
/// The README's package command, scripts/package-app.sh, run for real: the zip it writes holds a
/// manifest that validates against schema 1.29 with the configured values, and the two icons.
/// </summary>
public sealed class PackageCommandTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    // Configuration the test machine may have must not leak into the command.
    private static readonly Dictionary<string, string?> CleanEnvironment = new(StringComparer.Ordinal)
    {
        ["MicrosoftAppId"] = null,
        ["TeamsApp__BotDomain"] = null,
        ["TeamsApp__Id"] = null,
        ["TeamsApp__Version"] = null,
        ["Calls__PublicBaseUrl"] = null,
    };

    private readonly string _scratch = Directory.CreateTempSubdirectory("teamsmeetbot-package-").FullName;

    private string Zip => Path.Combine(_scratch, "appPackage.zip");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static Dictionary<string, string?> Environment(params (string Key, string Value)[] values)
    {
        var environment = new Dictionary<string, string?>(CleanEnvironment, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static (JsonObject Manifest, Dictionary<string, byte[]> Files) Open(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        var files = archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }, StringComparer.Ordinal);
        return (JsonNode.Parse(files["manifest.json"])!.AsObject(), files);
    }

    [Fact]
    public async Task Arguments_fill_the_manifest_and_the_zip_holds_a_valid_manifest_and_both_icons()
    {
        var run = await ScriptRun.BashAsync("scripts/package-app.sh",
            ["--app-id", ManifestTemplateTests.SampleAppId, "--bot-domain", ManifestTemplateTests.SampleDomain, "--version", "1.4.0", "--output", Zip],
            Environment(), CommandTimeout);

        Assert.True(run.ExitCode == 0, run.Describe());
        var (manifest, files) = Open(Zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], files.Keys.Order(StringComparer.Ordinal));
        ManifestSchema.AssertValid(manifest);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(ManifestTemplateTests.SampleAppId, (string)manifest["id"]!);
        Assert.Equal(ManifestTemplateTests.SampleAppId, (string)manifest["bots"]![0]!["botId"]!);
        Assert.Equal(ManifestTemplateTests.SampleAppId, (string)manifest["webApplicationInfo"]!["id"]!);
        Assert.Equal([ManifestTemplateTests.SampleDomain], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("1.4.0", (string)manifest["version"]!);
        Assert.Equal("https://" + ManifestTemplateTests.SampleDomain + "/privacy", (string)manifest["developer"]!["privacyUrl"]!);

        IconAssert.AssertColourIcon(PngImage.Decode(files["color.png"]));
        IconAssert.AssertOutlineIcon(PngImage.Decode(files["outline.png"]));
        Assert.Equal(File.ReadAllBytes(RepositoryFiles.PathOf("manifest", "color.png")), files["color.png"]);
        Assert.Equal(File.ReadAllBytes(RepositoryFiles.PathOf("manifest", "outline.png")), files["outline.png"]);
    }

    [Fact]
    public async Task Environment_variables_configure_the_package_like_they_configure_the_bot()
    {
        const string appId = "0d6c1e2f-8a3b-4c5d-9e7f-112233445566";
        const string teamsAppId = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";

        var run = await ScriptRun.BashAsync("scripts/package-app.sh", ["--output", Zip],
            Environment(("MicrosoftAppId", appId.ToUpperInvariant()), ("TeamsApp__BotDomain", "https://Meet.Fabrikam.example/"), ("TeamsApp__Id", teamsAppId)),
            CommandTimeout);

        Assert.True(run.ExitCode == 0, run.Describe());
        var (manifest, _) = Open(Zip);
        ManifestSchema.AssertValid(manifest);
        Assert.Equal(teamsAppId, (string)manifest["id"]!);
        Assert.Equal(appId, (string)manifest["bots"]![0]!["botId"]!);
        Assert.Equal(["meet.fabrikam.example"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
    }

    [Fact]
    public async Task Missing_or_invalid_settings_are_explained_and_no_package_is_written()
    {
        var run = await ScriptRun.BashAsync("scripts/package-app.sh", ["--app-id", "my-bot", "--output", Zip], Environment(), CommandTimeout);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("MicrosoftAppId 'my-bot' is not a GUID", run.Errors, StringComparison.Ordinal);
        Assert.Contains("--bot-domain", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }
}
