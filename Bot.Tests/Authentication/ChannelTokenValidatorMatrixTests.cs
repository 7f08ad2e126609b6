using TeamsMeetBot.BotFramework.Authentication;
using static TeamsMeetBot.Tests.Authentication.ValidatorHarness;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>Keys and a validator shared by the matrix: published msteams key (n/e), x5c-only msteams key, webchat-only key.</summary>
public sealed class ValidatorMatrixFixture : IAsyncLifetime
{
    internal ValidatorHarness Harness { get; private set; } = null!;

    internal TestSigningKey CertificateKey { get; private set; } = null!;

    internal TestSigningKey WebChatKey { get; private set; } = null!;

    /// <summary>Never published: signs tokens that claim the default key's kid.</summary>
    internal TestSigningKey ImposterKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await StartAsync();
        CertificateKey = Harness.Issuer.CreateKey("test-msteams-x5c-key", TestJwkFormat.CertificateOnly, "msteams");
        WebChatKey = Harness.Issuer.CreateKey("test-webchat-key", "webchat");
        ImposterKey = Harness.Issuer.CreateKey("imposter");
        Harness.Issuer.AddKey(CertificateKey);
        Harness.Issuer.AddKey(WebChatKey);
        await Harness.WarmUpAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>
/// Table-driven: every way a request's token can be right or wrong, through
/// <see cref="ChannelTokenValidator.ValidateAsync"/>, each asserting the exact reason.
/// </summary>
public sealed class ChannelTokenValidatorMatrixTests(ValidatorMatrixFixture fixture) : IClassFixture<ValidatorMatrixFixture>
{
    private sealed record Request(string? Header, string? ChannelId = Teams, string? ServiceUrl = ServiceUrl);

    /// <summary>Case name → (request builder, expected failure reason or null for success).</summary>
    private static readonly Dictionary<string, (Func<ValidatorMatrixFixture, Request> Build, string? ExpectedFailure)> Cases = new()
    {
        ["valid token"] = (f => new(f.Harness.Header()), null),
        ["valid token, key published as x5c only"] = (f => new(f.Harness.Header(f.CertificateKey)), null),
        ["activity serviceUrl differs only in case"] = (f => new(f.Harness.Header(), ServiceUrl: ServiceUrl.ToUpperInvariant()), null),
        ["expired 4 minutes ago (within 5 min skew)"] = (f => new(f.Harness.Header(options: Lifetime(f, nbf: -60, exp: -4))), null),
        ["nbf 4 minutes ahead (within 5 min skew)"] = (f => new(f.Harness.Header(options: Lifetime(f, nbf: 4, exp: 60))), null),

        ["no Authorization header"] = (_ => new(null), TokenFailureReasons.MissingHeader),
        ["empty Authorization header"] = (_ => new(""), TokenFailureReasons.MissingHeader),
        ["scheme 'bearer' (lower case)"] = (f => new("bearer " + Token(f)), TokenFailureReasons.NotBearer),
        ["scheme 'Basic'"] = (_ => new("Basic dXNlcjpwYXNz"), TokenFailureReasons.NotBearer),
        ["three parts"] = (f => new("Bearer " + Token(f) + " extra"), TokenFailureReasons.NotBearer),
        ["two spaces after Bearer"] = (f => new("Bearer  " + Token(f)), TokenFailureReasons.NotBearer),
        ["'Bearer' without token"] = (_ => new("Bearer"), TokenFailureReasons.NotBearer),
        ["'Bearer ' with empty token"] = (_ => new("Bearer "), TokenFailureReasons.NotBearer),
        ["token without the scheme"] = (f => new(Token(f)), TokenFailureReasons.NotBearer),
        ["malformed token (not a JWT)"] = (_ => new("Bearer not-a-jwt"), TokenFailureReasons.MalformedToken),
        ["malformed token (three garbage segments)"] = (_ => new("Bearer abc.def.ghi"), TokenFailureReasons.MalformedToken),
        ["oversized token"] = (_ => new("Bearer " + new string('a', 300_000)), TokenFailureReasons.TokenTooLarge),
        ["alg none (unsigned)"] = (f => new(f.Harness.Header(options: new() { Signing = TestTokenSigning.AlgorithmNone })), TokenFailureReasons.AlgorithmNotAllowed),
        ["HS256 with the public key as HMAC secret"] = (f => new(f.Harness.Header(options: new() { Signing = TestTokenSigning.Hs256WithPublicKeyAsSecret })), TokenFailureReasons.AlgorithmNotAllowed),
        ["issuer is the Entra bot-token issuer"] = (f => new(f.Harness.Header(options: new() { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" })), TokenFailureReasons.WrongIssuer),
        ["issuer with trailing slash"] = (f => new(f.Harness.Header(options: new() { Issuer = "https://api.botframework.com/" })), TokenFailureReasons.WrongIssuer),
        ["no kid in header"] = (f => new(f.Harness.Header(options: new() { OmitKeyId = true })), TokenFailureReasons.MissingKeyId),
        ["audience is another app id"] = (f => new(f.Harness.Header(audience: "0c1a9d7e-4b2f-4e8a-b6d3-7f5e2a1c9b80")), TokenFailureReasons.WrongAudience),
        ["audience is https://api.botframework.com"] = (f => new(f.Harness.Header(audience: "https://api.botframework.com")), TokenFailureReasons.WrongAudience),
        ["audience is the app id with a trailing slash"] = (f => new(f.Harness.Header(audience: AppId + "/")), TokenFailureReasons.WrongAudience),
        ["audience is the app id in upper case"] = (f => new(f.Harness.Header(audience: AppId.ToUpperInvariant())), TokenFailureReasons.WrongAudience),
        ["no audience"] = (f => new(f.Harness.Header(options: new() { OmitAudience = true })), TokenFailureReasons.WrongAudience),
        ["expired 6 minutes ago (beyond skew)"] = (f => new(f.Harness.Header(options: Lifetime(f, nbf: -60, exp: -6))), TokenFailureReasons.Expired),
        ["nbf 6 minutes ahead (beyond skew)"] = (f => new(f.Harness.Header(options: Lifetime(f, nbf: 6, exp: 60))), TokenFailureReasons.NotYetValid),
        ["no exp"] = (f => new(f.Harness.Header(options: new() { OmitExpiration = true })), TokenFailureReasons.MissingExpiration),
        ["tampered payload (serviceurl edited, signature kept)"] = (f => new("Bearer " + TestTokenIssuer.TamperWithPayload(Token(f, serviceUrl: "https://evil.example.com/"), "serviceurl", ServiceUrl)), TokenFailureReasons.InvalidSignature),
        ["signed by another key under a published kid"] = (f => new(f.Harness.Header(f.ImposterKey, new() { HeaderKeyId = TestTokenIssuer.DefaultKeyId })), TokenFailureReasons.InvalidSignature),
        ["key endorsed only for webchat, channel msteams"] = (f => new(f.Harness.Header(f.WebChatKey)), TokenFailureReasons.KeyNotEndorsedForChannel),
        ["channelId webchat"] = (f => new(f.Harness.Header(), ChannelId: "webchat"), TokenFailureReasons.ChannelNotTeams),
        ["channelId webchat with a webchat-endorsed key"] = (f => new(f.Harness.Header(f.WebChatKey), ChannelId: "webchat"), TokenFailureReasons.ChannelNotTeams),
        ["channelId missing"] = (f => new(f.Harness.Header(), ChannelId: null), TokenFailureReasons.ChannelNotTeams),
        ["channelId MSTEAMS (case differs)"] = (f => new(f.Harness.Header(), ChannelId: "MSTEAMS"), TokenFailureReasons.ChannelNotTeams),
        ["serviceurl claim missing"] = (f => new(f.Harness.Header(serviceUrl: null)), TokenFailureReasons.MissingServiceUrlClaim),
        ["serviceurl claim is another host"] = (f => new(f.Harness.Header(serviceUrl: "https://evil.example.com/amer/")), TokenFailureReasons.ServiceUrlMismatch),
        ["serviceurl claim is another region"] = (f => new(f.Harness.Header(serviceUrl: "https://smba.trafficmanager.net/emea/")), TokenFailureReasons.ServiceUrlMismatch),
        ["serviceurl claim without trailing slash"] = (f => new(f.Harness.Header(serviceUrl: ServiceUrl.TrimEnd('/'))), TokenFailureReasons.ServiceUrlMismatch),
        ["activity serviceUrl missing"] = (f => new(f.Harness.Header(), ServiceUrl: null), TokenFailureReasons.MissingServiceUrl),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Validation_matrix(string caseName)
    {
        var (build, expectedFailure) = Cases[caseName];
        var request = build(fixture);

        var outcome = await fixture.Harness.Validator.ValidateAsync(request.Header, request.ChannelId, request.ServiceUrl, CancellationToken.None);

        Assert.Equal(expectedFailure is null, outcome.Succeeded);
        Assert.Equal(expectedFailure, outcome.FailureReason);
    }

    [Fact]
    public async Task Rejections_are_logged_with_their_reason_and_never_with_the_token()
    {
        string token = Token(fixture, serviceUrl: "https://evil.example.com/");

        var outcome = await fixture.Harness.ValidateAsync("Bearer " + token);

        Assert.False(outcome.Succeeded);
        var entries = fixture.Harness.Logs.Entries;
        Assert.Contains(entries, e => e.EventId.Id == 3100 && e.Message.Contains(TokenFailureReasons.ServiceUrlMismatch, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelled_request_throws_instead_of_returning_a_verdict()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Harness.Validator.ValidateAsync(fixture.Harness.Header(), Teams, ServiceUrl, cancelled.Token));
    }

    private static string Token(ValidatorMatrixFixture f, string? serviceUrl = ServiceUrl) =>
        f.Harness.Issuer.CreateToken(AppId, serviceUrl);

    /// <summary>nbf and exp in minutes relative to the fixture's (fake) now.</summary>
    private static TestTokenOptions Lifetime(ValidatorMatrixFixture f, int nbf, int exp)
    {
        var now = f.Harness.Time.GetUtcNow();
        return new TestTokenOptions { NotBefore = now.AddMinutes(nbf), Expires = now.AddMinutes(exp) };
    }
}
