using Azure.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Tests.Connector;

public sealed class ConnectorTokenProviderTests
{
    private static (ConnectorTokenProvider Provider, TestTokenCredential Credential, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = new TestTokenCredential(time) { Lifetime = TimeSpan.FromMinutes(60) };
        return (new ConnectorTokenProvider(credential, time, NullLogger<ConnectorTokenProvider>.Instance), credential, time);
    }

    [Fact]
    public async Task The_token_is_cached_until_five_minutes_before_it_expires()
    {
        var (provider, credential, time) = Create();

        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(54) + TimeSpan.FromSeconds(59));
        Assert.Equal("token-1", await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(1, credential.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var (provider, credential, _) = Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        credential.Hold = release.Task;

        var callers = Enumerable.Range(0, 10).Select(_ => provider.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult();
        string[] tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task Invalidate_drops_only_the_rejected_token()
    {
        var (provider, credential, _) = Create();
        string first = await provider.GetTokenAsync(CancellationToken.None);

        provider.Invalidate("some-older-token");
        Assert.Equal(first, await provider.GetTokenAsync(CancellationToken.None));

        provider.Invalidate(first);
        Assert.Equal("token-2", await provider.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task A_failing_credential_becomes_TokenUnavailable_and_is_not_cached()
    {
        var time = new FakeTimeProvider();
        var credential = new FailingCredential();
        var provider = new ConnectorTokenProvider(credential, time, NullLogger<ConnectorTokenProvider>.Instance);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => provider.GetTokenAsync(CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ConnectorException>(() => provider.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(ConnectorErrorCodes.TokenUnavailable, ex.ErrorCode);
        Assert.IsType<AuthenticationFailedException>(ex.InnerException);
        Assert.Equal(2, credential.Calls);
    }

    private sealed class FailingCredential : Azure.Core.TokenCredential
    {
        public int Calls { get; private set; }

        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            throw new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");
        }
    }

    public static TheoryData<string?, string?, string?, Type> CredentialCases => new()
    {
        { BotCredentialsOptions.SingleTenant, "secret", null, typeof(ClientSecretCredential) },
        { null, "secret", null, typeof(ClientSecretCredential) },
        { BotCredentialsOptions.MultiTenant, "secret", null, typeof(ClientSecretCredential) },
        { BotCredentialsOptions.UserAssignedMsi, null, null, typeof(ManagedIdentityCredential) },
    };

    [Theory]
    [MemberData(nameof(CredentialCases))]
    public void The_credential_follows_the_app_type(string? appType, string? password, string? certificatePath, Type expected)
    {
        var options = new BotCredentialsOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = "00000000-0000-0000-0000-0000000000b0",
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
            MicrosoftAppCertificatePath = certificatePath,
        };

        Assert.IsType(expected, ConnectorTokenProvider.CreateCredential(options));
    }

    [Theory]
    [InlineData("SingleTenant", "72f988bf-86f1-41af-91ab-2d7cd011db47")]
    [InlineData("MultiTenant", "botframework.com")]
    [InlineData("multitenant", "botframework.com")]
    public void The_authority_tenant_follows_the_app_type(string appType, string expectedTenant)
    {
        var options = new BotCredentialsOptions { MicrosoftAppType = appType, MicrosoftAppTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47" };

        Assert.Equal(expectedTenant, ConnectorTokenProvider.AuthorityTenantFor(options));
    }

    [Fact]
    public async Task Without_an_app_id_there_is_no_token_and_a_clear_error()
    {
        var provider = new ConnectorTokenProvider(
            Microsoft.Extensions.Options.Options.Create(new BotCredentialsOptions()),
            new FakeTimeProvider(),
            NullLogger<ConnectorTokenProvider>.Instance);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => provider.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(ConnectorErrorCodes.TokenUnavailable, ex.ErrorCode);
        Assert.Contains("MicrosoftAppId", ex.Message, StringComparison.Ordinal);
    }
}
