using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.BenchShared;

/// <summary>
/// A local stand-in for one Bot Framework channel signing key: a fresh RSA-2048 key endorsed for
/// <c>msteams</c>, the OpenID metadata and JWKS documents that publish it (what
/// login.botframework.com serves), and channel tokens signed with it (what Azure Bot Service sends).
/// Used by the micro-benchmarks (served from memory) and the load driver (served on loopback).
/// </summary>
public sealed class BenchChannelKey : IDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string KeyId = "bench-msteams-key";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string JwksPath = "/v1/.well-known/keys";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey securityKey;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public BenchChannelKey()
    {
        securityKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
    }

    /// <summary>The OpenID metadata document pointing at <paramref name="jwksUrl"/>.</summary>
    public static string MetadataJson(string jwksUrl) => new JsonObject
    {
        ["issuer"] = BotFrameworkIssuer,
        ["authorization_endpoint"] = "https://invalid.botframework.com",
        ["jwks_uri"] = jwksUrl,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    /// <summary>The JWKS with this key and Bot Framework's <c>endorsements</c> (<c>["msteams"]</c>).</summary>
    public string JwksJson()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray("msteams"),
        };
        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    /// <summary>A channel token: iss api.botframework.com, aud = the bot's app id, serviceurl claim, valid for an hour from <paramref name="now"/>, RS256.</summary>
    public string CreateToken(string appId, string serviceUrl, DateTimeOffset now) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = BotFrameworkIssuer,
        Audience = appId,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.AddMinutes(-1).UtcDateTime,
        Expires = now.AddHours(1).UtcDateTime,
        Claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["serviceurl"] = serviceUrl },
        SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.RsaSha256),
    });

    public void Dispose() => rsa.Dispose();
}
