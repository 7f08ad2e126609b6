using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>
/// The Connector client as the bot registers it (AddConnectorClient), with a recording clock, a test
/// token credential and optionally a capturing primary handler instead of sockets.
/// </summary>
public sealed class ConnectorTestHost : IAsyncDisposable
{
    public const string ProductionServiceUrl = "https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/";

    private ConnectorTestHost(ServiceProvider services, RecordingDelayTimeProvider time, TestTokenCredential credential)
    {
        Services = services;
        Time = time;
        Credential = credential;
    }

    public ServiceProvider Services { get; }

    public RecordingDelayTimeProvider Time { get; }

    public TestTokenCredential Credential { get; }

    public ConnectorClient Client => Services.GetRequiredService<ConnectorClient>();

    public BotTelemetry Telemetry => Services.GetRequiredService<BotTelemetry>();

    /// <param name="localMode">Local mode (loopback serviceUrls allowed without a token).</param>
    /// <param name="settings">Extra configuration (keys like <c>Connector:MaxRetries</c>).</param>
    /// <param name="primaryHandler">Replaces the socket handler (for https hosts).</param>
    public static ConnectorTestHost Create(bool localMode, IDictionary<string, string?>? settings = null, HttpMessageHandler? primaryHandler = null)
    {
        var config = new Dictionary<string, string?>
        {
            // Long enough that RecordingDelayTimeProvider never fires it; retry waits stay far below.
            ["Connector:AttemptTimeout"] = "00:10:00",
        };
        foreach (var setting in settings ?? new Dictionary<string, string?>())
        {
            config[setting.Key] = setting.Value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var time = new RecordingDelayTimeProvider();
        var credential = new TestTokenCredential(time);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new BotRuntime(localMode, localMode ? null : "00000000-0000-0000-0000-0000000000b0", localMode ? null : "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        services.AddSingleton(Options.Create(new BotCredentialsOptions()));
        services.AddSingleton(sp => new ConnectorTokenProvider((TokenCredential)credential, time, sp.GetRequiredService<ILogger<ConnectorTokenProvider>>()));
        services.AddConnectorClient(configuration);
        if (primaryHandler is not null)
        {
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => primaryHandler);
        }

        return new ConnectorTestHost(services.BuildServiceProvider(validateScopes: true), time, credential);
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
