using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>
/// A <see cref="TestTokenIssuer"/> plus a DI container wired exactly as production
/// (<see cref="AuthenticationServiceCollectionExtensions.AddChannelTokenValidation"/>) on a
/// <see cref="FakeTimeProvider"/>, with the metadata URL pointed at the issuer.
/// </summary>
internal sealed class ValidatorHarness : IAsyncDisposable
{
    public const string AppId = "5b1e7c3a-2f44-4d0e-9a6b-3c8d2e1f0a97";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/";
    public const string Teams = "msteams";

    private ValidatorHarness(FakeTimeProvider time, TestTokenIssuer issuer, ServiceProvider services, RecordingLoggerProvider logs)
    {
        Time = time;
        Issuer = issuer;
        Services = services;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public TestTokenIssuer Issuer { get; }

    public ServiceProvider Services { get; }

    public RecordingLoggerProvider Logs { get; }

    public ChannelTokenValidator Validator => Services.GetRequiredService<ChannelTokenValidator>();

    public SigningKeyCache Cache => Services.GetRequiredService<SigningKeyCache>();

    public static async Task<ValidatorHarness> StartAsync(string? appId = AppId)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var issuer = await TestTokenIssuer.StartAsync(time);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BotAuthentication:OpenIdMetadataUrl"] = issuer.MetadataUrl,
                ["BotAuthentication:RequireHttpsMetadata"] = "false",
            })
            .Build();

        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(new BotRuntime(isLocalMode: appId is null, appId: appId, tenantId: null));
        services.AddChannelTokenValidation(configuration);
        return new ValidatorHarness(time, issuer, services.BuildServiceProvider(validateScopes: true), logs);
    }

    /// <summary>
    /// Loads the keys before a table of cases runs. On a busy machine the first download can be slow;
    /// the fake clock never reaches the cache's retry interval, so a failed first load would otherwise
    /// turn every later case into "no signing keys have ever been loaded".
    /// </summary>
    public async Task WarmUpAsync()
    {
        for (int attempt = 1; ; attempt++)
        {
            if (await Cache.RefreshAsync(CancellationToken.None))
            {
                return;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException("The test key server did not answer five times in a row.");
            }

            Time.Advance(TimeSpan.FromMinutes(10));
        }
    }

    public string Header(TestSigningKey? key = null, TestTokenOptions? options = null, string? audience = AppId, string? serviceUrl = ServiceUrl) =>
        Issuer.CreateAuthorizationHeader(audience, serviceUrl, key, options);

    public Task<TokenValidationOutcome> ValidateAsync(string? header, string? channelId = Teams, string? serviceUrl = ServiceUrl) =>
        Validator.ValidateAsync(header, channelId, serviceUrl, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
