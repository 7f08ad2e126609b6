using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// Validates the <c>Authorization</c> header of <c>POST /api/messages</c> as an Azure Bot Service
/// channel token for Teams (bot-framework-protocol.md §1.3, §1.10, §7), in this order:
/// <c>Bearer &lt;token&gt;</c> exactly; a well-formed JWS; <c>alg</c> RS256 (checked before any key is
/// touched); <c>iss</c> equal to <see cref="BotAuthenticationOptions.ValidIssuer"/>; the <c>kid</c>'s
/// key from <see cref="SigningKeyCache"/>; signature, <c>exp</c> (required), <c>nbf</c> and clock skew,
/// <c>aud</c> equal to the bot's app id (ordinal, no trailing-slash leniency); <c>channelId</c> is
/// <c>msteams</c> and the key is endorsed for it; the <c>serviceurl</c> claim equals the activity's
/// <c>serviceUrl</c> (case-insensitive, whole string). No emulator, skill or anonymous path.
/// <para>Thread-safe singleton. Bad tokens never throw; only cancellation does.</para>
/// <para>
/// Azure Bot Service sends the same token with every activity for about an hour, so the RSA signature check
/// (most of the cost of a request) is remembered: a token whose signature, issuer and audience were verified
/// against a key is remembered with that key instance, its lifetime and its <c>serviceurl</c> claim, keyed by
/// the whole compact token. A remembered token is accepted again only while the key set still returns that same
/// key for its <c>kid</c> (a rotation or refresh drops it) and while it is within its lifetime; the channel,
/// endorsement and <c>serviceurl</c> checks run on every request. Only tokens that passed the signature check
/// are remembered, so forged tokens cannot fill the memo; it holds at most <see cref="MaxRememberedTokens"/>.
/// </para>
/// </summary>
public sealed class ChannelTokenValidator
{
    /// <summary>The only channel this bot accepts activities from.</summary>
    public const string TeamsChannelId = "msteams";

    /// <summary>Name of the token claim that binds a token to the activity's serviceUrl.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>Upper bound of the verified-token memo (a bot sees a handful of live tokens at a time).</summary>
    public const int MaxRememberedTokens = 1024;

    private const string BearerPrefix = "Bearer ";

    private readonly SigningKeyCache _keys;
    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelTokenValidator> _logger;
    private readonly string? _appId;
    private readonly JsonWebTokenHandler _handler = new();

    // One TokenValidationParameters per signing key, built on first use and dropped with the key's snapshot.
    private readonly ConditionalWeakTable<SigningKey, TokenValidationParameters> _parametersByKey = new();
    private readonly ConditionalWeakTable<SigningKey, TokenValidationParameters>.CreateValueCallback _createParameters;
    private readonly LifetimeValidator _validateLifetime;
    private readonly ConcurrentDictionary<string, VerifiedToken> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerifiedToken>.AlternateLookup<ReadOnlySpan<char>> _verifiedBySpan;

    public ChannelTokenValidator(
        SigningKeyCache keys,
        BotRuntime runtime,
        IOptions<BotAuthenticationOptions> options,
        TimeProvider timeProvider,
        ILogger<ChannelTokenValidator> logger)
    {
        _keys = keys;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _appId = string.IsNullOrWhiteSpace(runtime.AppId) ? null : runtime.AppId;
        _createParameters = CreateParameters;
        _validateLifetime = ValidateLifetime;
        _verifiedBySpan = _verified.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How many verified tokens are remembered (for tests and diagnostics).</summary>
    internal int RememberedTokenCount => _verified.Count;

    /// <summary>Empties the verified-token memo (benchmarks measure the full check with it).</summary>
    internal void ForgetVerifiedTokens() => _verified.Clear();

    /// <summary>
    /// Validates one request. <paramref name="channelId"/> and <paramref name="serviceUrl"/> come from
    /// the parsed activity body. A failure is logged here; its reason is for logs only.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<TokenValidationOutcome> ValidateAsync(
        string? authorizationHeader,
        string? channelId,
        string? serviceUrl,
        CancellationToken cancellationToken)
    {
        var outcome = await ValidateCoreAsync(authorizationHeader, channelId, serviceUrl, cancellationToken);
        if (!outcome.Succeeded)
        {
            AuthenticationLog.TokenRejected(_logger, outcome.FailureReason ?? TokenFailureReasons.OtherValidationFailure, channelId);
        }

        return outcome;
    }

    private async ValueTask<TokenValidationOutcome> ValidateCoreAsync(
        string? authorizationHeader,
        string? channelId,
        string? serviceUrl,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_appId is null)
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.NoAppId);
        }

        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.MissingHeader);
        }

        // Exactly two space-separated parts, scheme spelled "Bearer" (case-sensitive, as the SDK's extractor).
        if (authorizationHeader.Length <= BearerPrefix.Length
            || !authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal)
            || authorizationHeader.IndexOf(' ', BearerPrefix.Length) >= 0)
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.NotBearer);
        }

        var encodedToken = authorizationHeader.AsMemory(BearerPrefix.Length);
        if (encodedToken.Length > _handler.MaximumTokenSizeInBytes)
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.TokenTooLarge);
        }

        if (_verifiedBySpan.TryGetValue(encodedToken.Span, out var remembered))
        {
            var current = await _keys.FindKeyAsync(remembered.KeyId, cancellationToken);
            if (current.Status == SigningKeyLookupStatus.Found && ReferenceEquals(current.Key, remembered.Key) && IsWithinLifetime(remembered))
            {
                return CheckBinding(remembered.Key, remembered.ServiceUrlClaim, channelId, serviceUrl);
            }

            // Key rotated or refreshed, or the token ran out: forget it and let the full check give the verdict.
            _verifiedBySpan.TryRemove(encodedToken.Span, out _);
        }

        JsonWebToken token;
        string algorithm, keyId, issuer;
        try
        {
            token = new JsonWebToken(encodedToken);
            algorithm = token.Alg;
            keyId = token.Kid;
            issuer = token.Issuer;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.MalformedToken);
        }

        // Algorithm pinning happens before any key is looked up ("none", HS256 key confusion, JWE...).
        if (token.IsEncrypted || !string.Equals(algorithm, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.AlgorithmNotAllowed);
        }

        if (!string.Equals(issuer, _options.ValidIssuer, StringComparison.Ordinal))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.WrongIssuer);
        }

        if (string.IsNullOrEmpty(keyId))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.MissingKeyId);
        }

        var lookup = await _keys.FindKeyAsync(keyId, cancellationToken);
        if (lookup.Status != SigningKeyLookupStatus.Found || lookup.Key is not { } signingKey)
        {
            return TokenValidationOutcome.Fail(lookup.Status == SigningKeyLookupStatus.NoKeysLoaded
                ? TokenFailureReasons.NoSigningKeys
                : TokenFailureReasons.UnknownKeyId);
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _parametersByKey.GetValue(signingKey, _createParameters));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.OtherValidationFailure);
        }

        if (!result.IsValid)
        {
            return TokenValidationOutcome.Fail(DescribeFailure(result.Exception));
        }

        token.TryGetPayloadValue(ServiceUrlClaim, out string? serviceUrlClaim);
        Remember(encodedToken.ToString(), new VerifiedToken(
            keyId,
            signingKey,
            token.ValidFrom == DateTime.MinValue ? null : token.ValidFrom,
            token.ValidTo,
            serviceUrlClaim));
        return CheckBinding(signingKey, serviceUrlClaim, channelId, serviceUrl);
    }

    /// <summary>The per-request checks that bind a verified token to this activity (§1.10 steps 6 and 7).</summary>
    private static TokenValidationOutcome CheckBinding(SigningKey signingKey, string? serviceUrlClaim, string? channelId, string? serviceUrl)
    {
        // Endorsement binds the token's key to the activity's channel (the SDK lets an empty channelId through; we don't).
        if (!string.Equals(channelId, TeamsChannelId, StringComparison.Ordinal))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.ChannelNotTeams);
        }

        if (!signingKey.IsEndorsedFor(TeamsChannelId))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.KeyNotEndorsedForChannel);
        }

        // The serviceurl claim binds the token to where replies will be sent.
        if (string.IsNullOrEmpty(serviceUrlClaim))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.MissingServiceUrlClaim);
        }

        if (string.IsNullOrEmpty(serviceUrl))
        {
            return TokenValidationOutcome.Fail(TokenFailureReasons.MissingServiceUrl);
        }

        return string.Equals(serviceUrlClaim, serviceUrl, StringComparison.OrdinalIgnoreCase)
            ? TokenValidationOutcome.Success
            : TokenValidationOutcome.Fail(TokenFailureReasons.ServiceUrlMismatch);
    }

    /// <summary>The same boundaries as <see cref="ValidateLifetime"/>, without exceptions.</summary>
    private bool IsWithinLifetime(VerifiedToken verified)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return (verified.NotBefore is not { } notBefore || notBefore <= now + _options.ClockSkew)
            && verified.Expires >= now - _options.ClockSkew;
    }

    private void Remember(string encodedToken, VerifiedToken verified)
    {
        if (_verified.Count >= MaxRememberedTokens)
        {
            foreach (var entry in _verified)
            {
                if (!IsWithinLifetime(entry.Value))
                {
                    _verified.TryRemove(entry.Key, out _);
                }
            }

            if (_verified.Count >= MaxRememberedTokens)
            {
                _verified.Clear();
            }
        }

        _verified[encodedToken] = verified;
    }

    private TokenValidationParameters CreateParameters(SigningKey signingKey) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        IssuerSigningKey = signingKey.SecurityKey,
        TryAllIssuerSigningKeys = false,
        ValidateIssuerSigningKey = false,
        ValidateIssuer = true,
        ValidIssuer = _options.ValidIssuer,
        ValidateAudience = true,
        RequireAudience = true,
        ValidAudience = _appId,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.ClockSkew,
        LifetimeValidator = _validateLifetime,
        ValidateActor = false,
        ValidateTokenReplay = false,
        SaveSigninToken = false,
        LogValidationExceptions = false,
    };

    /// <summary>
    /// Lifetime against the injected clock (this IdentityModel version offers no public TimeProvider
    /// hook): <c>exp</c> required, <c>nbf</c> optional, both with <see cref="BotAuthenticationOptions.ClockSkew"/>,
    /// same boundaries as IdentityModel's own check. Throws the IdentityModel exceptions so the
    /// handler reports them in <see cref="TokenValidationResult.Exception"/>.
    /// </summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } expiresAt)
        {
            throw new SecurityTokenNoExpirationException(TokenFailureReasons.MissingExpiration);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (notBefore is { } notBeforeAt)
        {
            if (notBeforeAt > expiresAt)
            {
                throw new SecurityTokenInvalidLifetimeException(TokenFailureReasons.InvalidLifetime) { NotBefore = notBeforeAt, Expires = expiresAt };
            }

            if (notBeforeAt > now + parameters.ClockSkew)
            {
                throw new SecurityTokenNotYetValidException(TokenFailureReasons.NotYetValid) { NotBefore = notBeforeAt };
            }
        }

        if (expiresAt < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException(TokenFailureReasons.Expired) { Expires = expiresAt };
        }

        return true;
    }

    private static string DescribeFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenFailureReasons.Expired,
        SecurityTokenNotYetValidException => TokenFailureReasons.NotYetValid,
        SecurityTokenNoExpirationException => TokenFailureReasons.MissingExpiration,
        SecurityTokenInvalidLifetimeException => TokenFailureReasons.InvalidLifetime,
        SecurityTokenInvalidAudienceException => TokenFailureReasons.WrongAudience,
        SecurityTokenInvalidIssuerException => TokenFailureReasons.WrongIssuer,
        SecurityTokenInvalidAlgorithmException => TokenFailureReasons.AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException => TokenFailureReasons.InvalidSignature,
        SecurityTokenInvalidSignatureException => TokenFailureReasons.InvalidSignature,
        SecurityTokenMalformedException => TokenFailureReasons.MalformedToken,
        _ => TokenFailureReasons.OtherValidationFailure,
    };
}
