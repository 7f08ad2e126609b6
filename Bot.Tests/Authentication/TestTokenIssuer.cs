using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>
/// A stand-in for login.botframework.com and the Bot Connector's token issuer, for tests.
/// <para>
/// Serves, on <c>http://127.0.0.1:&lt;free port&gt;</c>, the OpenID metadata at <see cref="MetadataUrl"/>
/// and the jwks (with Bot Framework's <c>endorsements</c>) at <see cref="JwksUrl"/>, and mints channel
/// tokens signed with the published (or unpublished) <see cref="TestSigningKey"/>s.
/// </para>
/// <para>
/// Typical use: <c>await using var issuer = await TestTokenIssuer.StartAsync(timeProvider);</c>, point
/// configuration <c>BotAuthentication:OpenIdMetadataUrl</c> at <see cref="MetadataUrl"/> with
/// <c>BotAuthentication:RequireHttpsMetadata=false</c>, then send
/// <c>Authorization: Bearer {issuer.CreateToken(appId, serviceUrl)}</c>.
/// </para>
/// Thread-safe: keys can be rotated while requests are served.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The kid of <see cref="DefaultKey"/>.</summary>
    public const string DefaultKeyId = "test-msteams-key";

    private const string MetadataPath = "/v1/.well-known/openidconfiguration";
    private const string JwksPath = "/v1/.well-known/keys";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lock _gate = new();
    private readonly List<TestSigningKey> _ownedKeys = [];
    private IReadOnlyList<TestSigningKey> _published;
    private TaskCompletionSource? _jwksHold;
    private int _metadataRequests;
    private int _jwksRequests;
    private volatile bool _isAvailable = true;

    private TestTokenIssuer(TimeProvider time)
    {
        _time = time;
        DefaultKey = TestSigningKey.Create(DefaultKeyId, "msteams");
        _ownedKeys.Add(DefaultKey);
        _published = [DefaultKey];

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet(MetadataPath, ServeMetadataAsync);
        _app.MapGet(JwksPath, ServeJwksAsync);
    }

    /// <summary>
    /// Starts the server with <see cref="DefaultKey"/> (endorsed for <c>msteams</c>) published.
    /// <paramref name="time"/> is the clock for default <c>nbf</c>/<c>exp</c> (pass the FakeTimeProvider the validator uses).
    /// </summary>
    public static async Task<TestTokenIssuer> StartAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        var issuer = new TestTokenIssuer(time);
        await issuer._app.StartAsync(cancellationToken);
        issuer.BaseAddress = new Uri(issuer._app.Urls.Single());
        return issuer;
    }

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenID metadata document URL (configure it as <c>BotAuthentication:OpenIdMetadataUrl</c>).</summary>
    public string MetadataUrl => new Uri(BaseAddress, MetadataPath).AbsoluteUri;

    /// <summary>The jwks URL the metadata points to.</summary>
    public string JwksUrl => new Uri(BaseAddress, JwksPath).AbsoluteUri;

    /// <summary>Published from the start, endorsed for <c>msteams</c>; the default signer of <see cref="CreateToken"/>.</summary>
    public TestSigningKey DefaultKey { get; }

    /// <summary>The keys the jwks currently lists.</summary>
    public IReadOnlyList<TestSigningKey> PublishedKeys
    {
        get
        {
            lock (_gate)
            {
                return _published;
            }
        }
    }

    /// <summary>Requests received for the metadata document (including those answered 503).</summary>
    public int MetadataRequestCount => Volatile.Read(ref _metadataRequests);

    /// <summary>Requests received for the jwks (including those answered 503).</summary>
    public int JwksRequestCount => Volatile.Read(ref _jwksRequests);

    /// <summary>False makes both endpoints answer 503 (the key service is down). Default true.</summary>
    public bool IsAvailable
    {
        get => _isAvailable;
        set => _isAvailable = value;
    }

    /// <summary>Generates a key that the issuer disposes with itself; it is not published.</summary>
    public TestSigningKey CreateKey(string keyId, params string[] endorsements) => CreateKey(keyId, TestJwkFormat.ModulusAndExponent, endorsements);

    /// <inheritdoc cref="CreateKey(string, string[])"/>
    public TestSigningKey CreateKey(string keyId, TestJwkFormat format, params string[] endorsements)
    {
        var key = TestSigningKey.Create(keyId, format, endorsements);
        lock (_gate)
        {
            _ownedKeys.Add(key);
        }

        return key;
    }

    /// <summary>Adds a key to the published jwks (keeps the others).</summary>
    public void AddKey(TestSigningKey key)
    {
        lock (_gate)
        {
            _published = [.. _published, key];
        }
    }

    /// <summary>Replaces the published jwks with exactly these keys (key rollover).</summary>
    public void RotateTo(params TestSigningKey[] keys)
    {
        lock (_gate)
        {
            _published = [.. keys];
        }
    }

    /// <summary>
    /// Until the returned handle is disposed, jwks requests are counted and then held unanswered
    /// (to prove that concurrent callers share one download).
    /// </summary>
    public IDisposable HoldJwksResponses()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _jwksHold = hold;
        }

        return new JwksHold(this, hold);
    }

    /// <summary>Waits until at least <paramref name="count"/> jwks requests have arrived.</summary>
    public async Task WaitForJwksRequestsAsync(int count, CancellationToken cancellationToken)
    {
        while (JwksRequestCount < count)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>
    /// Mints a channel token as Azure Bot Service does: <c>iss</c> <see cref="BotFrameworkIssuer"/>,
    /// <c>aud</c> = <paramref name="audience"/> (the bot's app id), <c>serviceurl</c> =
    /// <paramref name="serviceUrl"/> (omitted when null), <c>nbf</c> now, <c>exp</c> now + 1 h, RS256
    /// with <paramref name="signingKey"/> (default <see cref="DefaultKey"/>) and its kid;
    /// <paramref name="options"/> changes any of that.
    /// </summary>
    public string CreateToken(string? audience, string? serviceUrl, TestSigningKey? signingKey = null, TestTokenOptions? options = null)
    {
        signingKey ??= DefaultKey;
        options ??= new TestTokenOptions();
        var now = _time.GetUtcNow();

        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in options.AdditionalClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer ?? BotFrameworkIssuer,
            Audience = options.OmitAudience ? null : audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = (options.NotBefore ?? now).UtcDateTime,
            Expires = options.OmitExpiration ? null : (options.Expires ?? now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = CreateSigningCredentials(signingKey, options),
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary><c>"Bearer " + <see cref="CreateToken"/></c>, the Authorization header value.</summary>
    public string CreateAuthorizationHeader(string? audience, string? serviceUrl, TestSigningKey? signingKey = null, TestTokenOptions? options = null) =>
        "Bearer " + CreateToken(audience, serviceUrl, signingKey, options);

    /// <summary>
    /// Returns <paramref name="token"/> with one payload claim replaced and the original signature kept
    /// (what an attacker who edits a captured token produces).
    /// </summary>
    public static string TamperWithPayload(string token, string claim, string newValue)
    {
        string[] parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[claim] = newValue;
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseJwksHold(null);
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var key in _ownedKeys)
            {
                key.Dispose();
            }
        }
    }

    private static SigningCredentials? CreateSigningCredentials(TestSigningKey key, TestTokenOptions options)
    {
        string? keyId = options.OmitKeyId ? null : options.HeaderKeyId ?? key.KeyId;
        return options.Signing switch
        {
            TestTokenSigning.AlgorithmNone => null,
            TestTokenSigning.Hs256WithPublicKeyAsSecret =>
                new SigningCredentials(new SymmetricSecurityKey(key.PublicKeyBytes) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
            _ => new SigningCredentials(key.WithKeyId(keyId!), SecurityAlgorithms.RsaSha256),
        };
    }

    private async Task ServeMetadataAsync(HttpContext context)
    {
        Interlocked.Increment(ref _metadataRequests);
        if (!_isAvailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var metadata = new JsonObject
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = JwksUrl,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        };
        await WriteJsonAsync(context, metadata);
    }

    private async Task ServeJwksAsync(HttpContext context)
    {
        Interlocked.Increment(ref _jwksRequests);
        Task? hold;
        lock (_gate)
        {
            hold = _jwksHold?.Task;
        }

        if (hold is not null)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        if (!_isAvailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var keys = new JsonArray([.. PublishedKeys.Select(k => (JsonNode?)k.ToJwk())]);
        await WriteJsonAsync(context, new JsonObject { ["keys"] = keys });
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private void ReleaseJwksHold(TaskCompletionSource? hold)
    {
        TaskCompletionSource? released;
        lock (_gate)
        {
            released = _jwksHold;
            if (hold is null || ReferenceEquals(hold, _jwksHold))
            {
                _jwksHold = null;
            }
            else
            {
                released = hold;
            }
        }

        released?.TrySetResult();
    }

    private sealed class JwksHold(TestTokenIssuer issuer, TaskCompletionSource hold) : IDisposable
    {
        public void Dispose() => issuer.ReleaseJwksHold(hold);
    }
}
