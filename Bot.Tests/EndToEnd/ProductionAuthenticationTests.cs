using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.Tests.Authentication;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.EndToEnd;

/// <summary>
/// The authentication matrix through the real HTTP pipeline: the bot runs with an app id (production
/// rules, even from loopback), trusting OpenID metadata and keys served by the test on loopback.
/// An invoke is used because its answer needs no outbound call: 200 means "accepted".
/// </summary>
public sealed class ProductionAuthenticationTests : IAsyncLifetime
{
    private const string AppId = "6b2e7c1a-0d7e-4a3c-9f51-3f1d2e4c5a6b";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/11111111-1111-1111-1111-111111111111/";
    private TestTokenIssuer _issuer = null!;
    private BotHost _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync(TimeProvider.System);
        _bot = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppTenantId"] = PlaygroundTeam.TenantId,
            ["MicrosoftAppPassword"] = "not-used-by-these-tests",
            ["BotAuthentication:OpenIdMetadataUrl"] = _issuer.MetadataUrl,
            ["BotAuthentication:RequireHttpsMetadata"] = "false",
            ["BotAuthentication:MinimumForcedRefreshInterval"] = "00:00:00.200",
        });
        _client = _bot.CreateLoopbackClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private static JsonObject Invoke(string serviceUrl = ServiceUrl, string channelId = "msteams")
    {
        var activity = TestActivities.Invoke(serviceUrl, "unknownVerb", []);
        activity["channelId"] = channelId;
        return activity;
    }

    private async Task<HttpStatusCode> PostAsync(JsonObject activity, string? authorization)
    {
        using var response = await TestActivities.PostAsync(_client, activity, authorization);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }

        return response.StatusCode;
    }

    [Fact]
    public async Task Valid_channel_token_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Invoke(), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl)));
    }

    public static TheoryData<string, Func<TestTokenIssuer, string?>> Rejections => new()
    {
        { "no header", _ => null },
        { "wrong scheme", i => "Basic " + i.CreateToken(AppId, ServiceUrl) },
        { "lower-case scheme", i => "bearer " + i.CreateToken(AppId, ServiceUrl) },
        { "malformed token", _ => "Bearer not.a.jwt" },
        { "alg none", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, options: new TestTokenOptions { Signing = TestTokenSigning.AlgorithmNone }) },
        { "HS256 with the public key", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, options: new TestTokenOptions { Signing = TestTokenSigning.Hs256WithPublicKeyAsSecret }) },
        { "wrong issuer", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, options: new TestTokenOptions { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" }) },
        { "wrong audience", i => i.CreateAuthorizationHeader("https://api.botframework.com", ServiceUrl) },
        { "expired", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, options: new TestTokenOptions { NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-10) }) },
        { "not yet valid beyond skew", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, options: new TestTokenOptions { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10), Expires = DateTimeOffset.UtcNow.AddHours(1) }) },
        { "bad signature", i => "Bearer " + TestTokenIssuer.TamperWithPayload(i.CreateToken(AppId, ServiceUrl), "serviceurl", "https://evil.example/") },
        { "unknown key", i => i.CreateAuthorizationHeader(AppId, ServiceUrl, i.CreateKey("never-published", "msteams")) },
        { "serviceurl claim missing", i => i.CreateAuthorizationHeader(AppId, null) },
        { "serviceurl claim different", i => i.CreateAuthorizationHeader(AppId, "https://smba.trafficmanager.net/emea/other/") },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Each_bad_token_gets_401_with_no_detail(string why, Func<TestTokenIssuer, string?> authorization)
    {
        Assert.True(HttpStatusCode.Unauthorized == await PostAsync(Invoke(), authorization(_issuer)), why);
    }

    [Fact]
    public async Task Key_not_endorsed_for_msteams_gets_401()
    {
        var webchatOnly = _issuer.CreateKey("webchat-key", "webchat");
        _issuer.AddKey(webchatOnly);
        await Task.Delay(250);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Invoke(), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl, webchatOnly)));
    }

    [Fact]
    public async Task ChannelId_other_than_msteams_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Invoke(channelId: "webchat"), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl)));
    }

    [Fact]
    public async Task Unknown_key_is_rejected_then_accepted_after_the_keys_rotate_and_the_forced_refresh_runs()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Invoke(), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl)));
        var rotated = _issuer.CreateKey("rotated-key", "msteams");

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Invoke(), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl, rotated)));

        _issuer.AddKey(rotated);
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Invoke(), _issuer.CreateAuthorizationHeader(AppId, ServiceUrl, rotated)));
    }

    [Theory]
    [InlineData("https://evil.example/teams/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    public async Task A_validly_signed_activity_naming_a_foreign_service_url_gets_401(string serviceUrl)
    {
        // The signature covers the serviceurl claim, so this can only happen with a token Azure Bot Service
        // issued for another channel; the bot still refuses to treat that host as a Teams Connector.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Invoke(serviceUrl), _issuer.CreateAuthorizationHeader(AppId, serviceUrl)));
    }

    [Fact]
    public async Task Loopback_callers_get_no_bypass_when_an_app_id_is_configured()
    {
        var message = TestActivities.Personal(ServiceUrl, "help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(message, authorization: null));
    }

    [Fact]
    public async Task Another_tenant_is_refused_with_403()
    {
        var activity = Invoke();
        activity["channelData"]!["tenant"]!["id"] = "99999999-9999-9999-9999-999999999999";
        activity["conversation"]!["tenantId"] = "99999999-9999-9999-9999-999999999999";
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(activity, _issuer.CreateAuthorizationHeader(AppId, ServiceUrl)));
    }
}
