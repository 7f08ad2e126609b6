using System.Text.Json;

namespace TeamsMeetBot.Tests.Hosting;

/// <summary>
/// The runtime settings the bot's build writes into TeamsMeetBot.runtimeconfig.json, which the runtime reads at
/// start (the bench measures what they buy; see bench/RESULTS.md). A change here changes the bot's memory and
/// start-up in every deployment, so it should be a deliberate one.
/// </summary>
public class RuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TeamsMeetBot.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    public static TheoryData<string, string> Settings => new()
    {
        // Workstation, concurrent GC: less memory than server GC on the small hosts a bot runs on.
        { "System.GC.Server", "false" },
        { "System.GC.Concurrent", "true" },
        // 4 MB between young collections instead of a budget sized from the L3 cache (18 MB on a 36 MB L3).
        { "System.GC.Gen0MaxBudget", "4194304" },
        { "System.Net.SocketsHttpHandler.Http3Support", "false" },
        { "Microsoft.Extensions.DependencyInjection.DisableDynamicEngine", "true" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_bot_starts_with_its_runtime_settings(string name, string expected)
    {
        Assert.True(ConfigProperties().TryGetProperty(name, out var value), $"{name} is missing from TeamsMeetBot.runtimeconfig.json");
        Assert.Equal(expected, value.GetRawText());
    }
}
