using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Checks the bearer token on Graph's call notifications (reference §2.5), accepting both kinds Graph sends:
/// <list type="bullet">
/// <item>the legacy token: <c>iss</c> exactly <see cref="CallingSetup.NotificationIssuer"/>, keys from
/// <see cref="CallingSetup.LegacyMetadataUrl"/>;</item>
/// <item>the Entra token: <c>iss</c> under <c>https://login.microsoftonline.com/</c> or <c>https://sts.windows.net/</c>
/// containing the token's <c>tid</c>, keys from <see cref="CallingSetup.EntraMetadataUrl"/>, <c>azp</c>/<c>appid</c> one of
/// the calling service's app ids, and no proof-of-possession (<c>cnf</c>) claim.</item>
/// </list>
/// Both: RS256, signature, <c>exp</c> required and checked against the injected clock (5 min skew), <c>aud</c> equal to
/// <see cref="CallingSetup.Audience"/>, and a <c>tid</c> claim, which is returned. Any failure, including unreachable
/// metadata, is a failure result, never an exception (except cancellation).
/// </summary>
public sealed class NotificationTokenValidator
{
    public const string HttpClientName = "TeamsMeetBot.CallsMetadata";

    private const string TenantClaim = "tid";
    private const string MappedTenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";
    private static readonly string[] EntraIssuerPrefixes = ["https://login.microsoftonline.com/", "https://sts.windows.net/"];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly CallingSetup _setup;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _metadata = new(StringComparer.Ordinal);

    public NotificationTokenValidator(CallingSetup setup, IHttpClientFactory httpClients, TimeProvider timeProvider)
    {
        _setup = setup;
        _httpClients = httpClients;
        _time = timeProvider;
    }

    public async Task<NotificationAuthResult> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        const string bearer = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(bearer, StringComparison.Ordinal) || authorizationHeader.Length == bearer.Length)
        {
            return NotificationAuthResult.Failure("no bearer token");
        }

        string token = authorizationHeader[bearer.Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return NotificationAuthResult.Failure("malformed token");
        }

        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return NotificationAuthResult.Failure("algorithm not allowed");
        }

        string? tenantId = Claim(jwt, TenantClaim) ?? Claim(jwt, MappedTenantClaim);
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            return NotificationAuthResult.Failure("no tenant claim");
        }

        string issuer = jwt.Issuer ?? "";
        string metadataUrl;
        if (string.Equals(issuer, _setup.NotificationIssuer, StringComparison.Ordinal))
        {
            metadataUrl = _setup.LegacyMetadataUrl;
        }
        else if (EntraIssuerPrefixes.Any(p => issuer.StartsWith(p, StringComparison.OrdinalIgnoreCase)) && issuer.Contains(tenantId, StringComparison.OrdinalIgnoreCase))
        {
            string? caller = Claim(jwt, "azp") ?? Claim(jwt, "appid");
            if (caller is null || !_setup.CallingServiceAppIds.Contains(caller, StringComparer.OrdinalIgnoreCase))
            {
                return NotificationAuthResult.Failure("caller is not the calling service");
            }

            if (jwt.TryGetPayloadValue<object>("cnf", out _))
            {
                return NotificationAuthResult.Failure("proof-of-possession token");
            }

            metadataUrl = _setup.EntraMetadataUrl;
        }
        else
        {
            return NotificationAuthResult.Failure("issuer not trusted");
        }

        var manager = _metadata.GetOrAdd(metadataUrl, CreateManager);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await manager.GetConfigurationAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return NotificationAuthResult.Failure("signing key metadata unavailable");
            }

            var result = await _handler.ValidateTokenAsync(jwt, Parameters(issuer, configuration));
            if (result.IsValid)
            {
                return NotificationAuthResult.Success(tenantId);
            }

            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 0)
            {
                // Keys roll over: fetch the metadata again once (the manager rate-limits refreshes).
                manager.RequestRefresh();
                continue;
            }

            return NotificationAuthResult.Failure(result.Exception?.GetType().Name ?? "invalid token");
        }

        return NotificationAuthResult.Failure("signing key not found");
    }

    private TokenValidationParameters Parameters(string issuer, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = _setup.Audience,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + ClockSkew && (notBefore is not { } nbf || now + ClockSkew >= nbf.ToUniversalTime());
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager(string metadataUrl)
    {
        var url = new Uri(metadataUrl);
        var retriever = new HttpDocumentRetriever(_httpClients.CreateClient(HttpClientName)) { RequireHttps = !url.IsLoopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(2),
        };
    }

    private static string? Claim(JsonWebToken jwt, string type) =>
        jwt.TryGetPayloadValue<string>(type, out string? value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
