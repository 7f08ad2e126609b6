using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph.Users.Item.OnlineMeetings.CreateOrGet;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The bot's GraphServiceClient: simulated Graph in local mode, graph.microsoft.com with a token otherwise.</summary>
public sealed class GraphClientProviderTests
{
    [Fact]
    public async Task LocalMode_TalksToTheSimulatedGraphOnTheServersOwnAddress()
    {
        await using var host = await LocalGraphTestHost.StartAsync(services: services =>
        {
            services.AddSingleton(new BotRuntime(isLocalMode: true, appId: null, tenantId: null));
            GraphClientProvider.Register(services);
        });
        var provider = host.Services.GetRequiredService<GraphClientProvider>();

        var meeting = await provider.Client.Users["u1"].OnlineMeetings.CreateOrGet.PostAsync(new CreateOrGetPostRequestBody { ExternalId = "provider" });

        Assert.Equal(new Uri(host.GraphBaseUrl), provider.BaseUrl);
        Assert.Equal("provider", meeting!.ExternalId);
        Assert.Equal("/v1.0/users/u1/onlineMeetings/createOrGet", Assert.Single(host.Recorder.Snapshot()).Path);
    }

    [Theory]
    [InlineData(true, "http://10.1.2.3:8080/graph", "http://10.1.2.3:8080/graph")]
    [InlineData(false, null, GraphClientProvider.ProductionBaseUrl)]
    [InlineData(false, "https://graph.microsoft.us/v1.0", "https://graph.microsoft.us/v1.0")]
    public void BaseUrl_FollowsConfigurationAndMode(bool localMode, string? configured, string expected)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Graph:BaseUrl"] = configured }).Build());
        services.AddSingleton(new BotRuntime(localMode, localMode ? null : "9a8b7c6d-1111-2222-3333-444455556666", null));
        services.AddSingleton<TokenCredential>(new UnusedCredential());
        GraphClientProvider.Register(services);
        using var provider = services.BuildServiceProvider();

        var graph = provider.GetRequiredService<GraphClientProvider>();

        Assert.Equal(new Uri(expected), graph.BaseUrl);
        Assert.Equal(expected.TrimEnd('/'), graph.Client.RequestAdapter.BaseUrl);
    }

    [Fact]
    public void Production_WithoutACredential_FailsClearly()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(new BotRuntime(false, "9a8b7c6d-1111-2222-3333-444455556666", null));
        GraphClientProvider.Register(services);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<GraphClientProvider>().Client);

        Assert.Contains("TokenCredential", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:3978", "http://127.0.0.1:3978")]
    [InlineData("http://[::]:3978", "http://127.0.0.1:3978")]
    [InlineData("http://+:80", "http://127.0.0.1:80")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    public void LoopbackFor_ReplacesWildcardHosts(string address, string expected) =>
        Assert.Equal(expected, GraphClientProvider.LoopbackFor(address));

    /// <summary>Never asked for a token in these tests: only the client's construction is checked.</summary>
    private sealed class UnusedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token expected in this test.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token expected in this test.");
    }
}
