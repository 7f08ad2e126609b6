using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// The real bot in local mode on 127.0.0.1:0 (like <see cref="BotHost"/>) with a <see cref="FakeTimeProvider"/> in place of
/// the system clock (a test-only service override), so scheduling and reminders run on a fixed, test-driven clock. Several
/// hosts can share one SQLite file (pass the same <paramref name="databasePath"/>) to act as several bot instances.
/// </summary>
public sealed class SchedulingHost : WebApplicationFactory<Program>
{
    private readonly string _databasePath;
    private readonly IReadOnlyDictionary<string, string?>? _settings;

    public SchedulingHost(FakeTimeProvider time, string databasePath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Time = time;
        _databasePath = databasePath;
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>Wednesday 4 March 2026, 16:00 UTC: before the US (8 March) and EU (29 March) daylight-saving changes and Lord Howe's (5 April).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 4, 16, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public HttpClient CreateLoopbackClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = ClientOptions.BaseAddress };
    }

    public T Service<T>() where T : notnull
    {
        StartServer();
        return (T)Services.GetRequiredService(typeof(T));
    }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "teamsmeetbot-tests", "scheduling-" + Guid.NewGuid().ToString("N"), "bot.db");

    public static async Task<IReadOnlyList<RecordedGraphRequest>> GraphRequestsAsync(HttpClient client)
    {
        var json = await client.GetStringAsync("/_local/graph/_requests");
        return System.Text.Json.JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!;
    }

    public static JsonObject WithZone(JsonObject activity, string? clientInfoZone, string? localTimezone, string? locale = null, string? localTimestamp = null)
    {
        activity["localTimezone"] = localTimezone;
        activity["localTimestamp"] = localTimestamp;
        foreach (var entity in activity["entities"]?.AsArray() ?? [])
        {
            if ((string?)entity?["type"] == "clientInfo")
            {
                entity!["timezone"] = clientInfoZone;
                if (locale is not null)
                {
                    entity["locale"] = locale;
                }
            }
        }

        if (locale is not null)
        {
            activity["locale"] = locale;
        }

        return activity;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Sqlite:Path"] = _databasePath,
            ["Logging:LogLevel:Default"] = "Warning",
            // The Connector pacer runs on this fake clock too. With Teams' limits (7 writes per second in a conversation)
            // a table that talks in one chat without moving the clock would hold its 8th write forever; pacing has its
            // own tests, so here one loose window keeps writes unpaced (a test can still set Connector:Pacing itself).
            ["Connector:Pacing:Limits:0:PermitLimit"] = "1000000",
            ["Connector:Pacing:Limits:0:Window"] = "00:00:01",
        };
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(all));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }
}
