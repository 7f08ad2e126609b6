using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TeamsMeetBot.Tests.Support;

/// <summary>
/// The real bot, in-process, listening on 127.0.0.1 with a free port (Kestrel, not the in-memory
/// test server), so local-mode loopback checks, the simulated Graph and outbound calls all run
/// exactly as in production. Each host gets its own SQLite file unless a setting says otherwise.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "teamsmeetbot-tests", Guid.NewGuid().ToString("N"));

    /// <param name="services">Test-only service overrides, applied after the bot's own registrations.</param>
    public BotHost(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        _environment = environment;
        _services = services;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_dataDir, "bot.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    /// <summary>http://127.0.0.1:port of the running bot.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient CreateLoopbackClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = ClientOptions.BaseAddress };
    }

    public T Service<T>() where T : notnull
    {
        StartServer();
        return (T)Services.GetService(typeof(T))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
