using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsMeetBot.BenchShared;
using TeamsMeetBot.BotFramework.Authentication;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Bench;

/// <summary>
/// <see cref="ChannelTokenValidator.ValidateAsync"/> with a warm <see cref="SigningKeyCache"/>: the validator
/// and cache are wired as production wires them (<see cref="AuthenticationServiceCollectionExtensions.AddChannelTokenValidation"/>),
/// the keys come from a local JWKS, and the token is a genuine RS256 channel token for msteams.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class TokenValidationBenchmarks
{
    private const string AppId = "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b";
    private static readonly Uri MetadataUrl = new("http://127.0.0.1:9" + BenchChannelKey.MetadataPath);
    private static readonly Uri JwksUrl = new("http://127.0.0.1:9" + BenchChannelKey.JwksPath);

    private BenchChannelKey key = null!;
    private ServiceProvider services = null!;
    private ChannelTokenValidator validator = null!;
    private string header = "";

    [GlobalSetup]
    public void Setup()
    {
        key = new BenchChannelKey();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BotAuthentication:OpenIdMetadataUrl"] = MetadataUrl.AbsoluteUri,
                ["BotAuthentication:RequireHttpsMetadata"] = "false",
            })
            .Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(new BotRuntime(isLocalMode: false, appId: AppId, tenantId: BenchActivities.TenantId));
        collection.AddChannelTokenValidation(configuration);
        collection.AddHttpClient(SigningKeyCache.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new LocalKeyDocumentsHandler(MetadataUrl, BenchChannelKey.MetadataJson(JwksUrl.AbsoluteUri), JwksUrl, key.JwksJson()));
        services = collection.BuildServiceProvider();
        validator = services.GetRequiredService<ChannelTokenValidator>();
        header = "Bearer " + key.CreateToken(AppId, BenchActivities.ServiceUrl, DateTimeOffset.UtcNow);

        var warm = validator.ValidateAsync(header, "msteams", BenchActivities.ServiceUrl, CancellationToken.None).GetAwaiter().GetResult();
        if (!warm.Succeeded)
        {
            throw new InvalidOperationException("The benchmark token was rejected: " + warm.FailureReason);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        services.Dispose();
        key.Dispose();
    }

    /// <summary>A token seen for the first time: the full check, RSA signature included (the memo is emptied first).</summary>
    [Benchmark(Description = "ChannelTokenValidator.ValidateAsync, warm key cache, new token")]
    public async Task<bool> ValidateNewChannelToken()
    {
        validator.ForgetVerifiedTokens();
        return (await validator.ValidateAsync(header, "msteams", BenchActivities.ServiceUrl, CancellationToken.None)).Succeeded;
    }

    /// <summary>The same token again, as Azure Bot Service sends it for about an hour: signature remembered, per-request checks run.</summary>
    [Benchmark(Description = "ChannelTokenValidator.ValidateAsync, warm key cache, token seen before")]
    public async Task<bool> ValidateRememberedChannelToken() =>
        (await validator.ValidateAsync(header, "msteams", BenchActivities.ServiceUrl, CancellationToken.None)).Succeeded;
}
