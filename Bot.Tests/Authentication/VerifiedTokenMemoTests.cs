using TeamsMeetBot.BotFramework.Authentication;
using static TeamsMeetBot.Tests.Authentication.ValidatorHarness;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>
/// The verified-token memo of <see cref="ChannelTokenValidator"/>: a token that passed the signature check is
/// accepted again without it, but every per-request check still runs, and a remembered token stops working
/// exactly when a fresh check would reject it.
/// </summary>
public sealed class VerifiedTokenMemoTests : IAsyncLifetime
{
    private ValidatorHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await StartAsync();
        await h.WarmUpAsync();
    }

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task A_valid_token_is_remembered_once_and_accepted_again()
    {
        string header = h.Header();

        Assert.True((await h.ValidateAsync(header)).Succeeded);
        Assert.True((await h.ValidateAsync(header)).Succeeded);
        Assert.True((await h.ValidateAsync(header)).Succeeded);

        Assert.Equal(1, h.Validator.RememberedTokenCount);
    }

    public static TheoryData<string, string?, string?, string> PerRequestChecks => new()
    {
        { "channel webchat", "webchat", ServiceUrl, TokenFailureReasons.ChannelNotTeams },
        { "channel missing", null, ServiceUrl, TokenFailureReasons.ChannelNotTeams },
        { "activity serviceUrl of another region", Teams, "https://smba.trafficmanager.net/emea/", TokenFailureReasons.ServiceUrlMismatch },
        { "activity serviceUrl on another host", Teams, "https://evil.example.com/amer/", TokenFailureReasons.ServiceUrlMismatch },
        { "activity serviceUrl missing", Teams, null, TokenFailureReasons.MissingServiceUrl },
    };

    [Theory]
    [MemberData(nameof(PerRequestChecks))]
    public async Task A_remembered_token_still_gets_every_per_request_check(string name, string? channelId, string? serviceUrl, string expectedFailure)
    {
        string header = h.Header();
        Assert.True((await h.ValidateAsync(header)).Succeeded);
        Assert.Equal(1, h.Validator.RememberedTokenCount);

        var outcome = await h.ValidateAsync(header, channelId, serviceUrl);

        Assert.False(outcome.Succeeded, name);
        Assert.Equal(expectedFailure, outcome.FailureReason);
        Assert.True((await h.ValidateAsync(header)).Succeeded);
    }

    [Fact]
    public async Task A_remembered_token_expires_with_the_same_clock_skew_as_a_fresh_check()
    {
        var now = h.Time.GetUtcNow();
        string header = h.Header(options: new TestTokenOptions { NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(10) });
        Assert.True((await h.ValidateAsync(header)).Succeeded);

        // exp + 5 min skew is still accepted, one second later it is not.
        h.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await h.ValidateAsync(header)).Succeeded);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await h.ValidateAsync(header);

        Assert.Equal(TokenFailureReasons.Expired, outcome.FailureReason);
        Assert.Equal(0, h.Validator.RememberedTokenCount);
    }

    [Fact]
    public async Task A_remembered_token_stops_working_when_its_key_is_rotated_out()
    {
        var oldKey = h.Issuer.DefaultKey;
        string header = h.Header(oldKey);
        Assert.True((await h.ValidateAsync(header)).Succeeded);

        h.Issuer.RotateTo(h.Issuer.CreateKey("next-msteams-key", "msteams"));
        Assert.True(await h.Cache.RefreshAsync(CancellationToken.None));

        Assert.Equal(TokenFailureReasons.UnknownKeyId, (await h.ValidateAsync(header)).FailureReason);
        Assert.Equal(0, h.Validator.RememberedTokenCount);
    }

    [Fact]
    public async Task A_key_set_refresh_makes_remembered_tokens_verify_their_signature_again()
    {
        string header = h.Header();
        Assert.True((await h.ValidateAsync(header)).Succeeded);

        // Same key published again: the refreshed set holds new key objects, so the token is checked in full once more.
        Assert.True(await h.Cache.RefreshAsync(CancellationToken.None));
        Assert.True((await h.ValidateAsync(header)).Succeeded);
        Assert.Equal(1, h.Validator.RememberedTokenCount);
    }

    [Fact]
    public async Task Rejected_tokens_are_never_remembered()
    {
        var imposter = h.Issuer.CreateKey("imposter");
        string forged = h.Header(imposter, new TestTokenOptions { HeaderKeyId = TestTokenIssuer.DefaultKeyId });
        string tampered = "Bearer " + TestTokenIssuer.TamperWithPayload(h.Issuer.CreateToken(AppId, "https://evil.example.com/"), "serviceurl", ServiceUrl);
        string otherAudience = h.Header(audience: "0c1a9d7e-4b2f-4e8a-b6d3-7f5e2a1c9b80");

        foreach (string header in new[] { forged, tampered, otherAudience, forged })
        {
            Assert.False((await h.ValidateAsync(header)).Succeeded);
        }

        Assert.Equal(0, h.Validator.RememberedTokenCount);
    }

    [Fact]
    public async Task The_memo_never_holds_more_than_its_bound()
    {
        var now = h.Time.GetUtcNow();
        for (int i = 0; i <= ChannelTokenValidator.MaxRememberedTokens; i++)
        {
            // A distinct token per iteration (different exp), each genuinely signed.
            string header = h.Header(options: new TestTokenOptions { Expires = now.AddMinutes(30).AddSeconds(i) });
            Assert.True((await h.ValidateAsync(header)).Succeeded);
            Assert.InRange(h.Validator.RememberedTokenCount, 1, ChannelTokenValidator.MaxRememberedTokens);
        }
    }
}
