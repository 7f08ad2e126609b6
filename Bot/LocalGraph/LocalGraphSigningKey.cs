using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.LocalGraph;

/// <summary>
/// The key the simulated Graph signs its call notifications with: generated at startup, published as OpenID metadata
/// (<see cref="MetadataPath"/>) and a JWKS (<see cref="KeysPath"/>) that the bot trusts in local mode, so the bot's real
/// notification validation runs locally and in tests. Tokens look like Graph's legacy notification token.
/// </summary>
public sealed class LocalGraphSigningKey : IDisposable
{
    public const string MetadataPath = LocalGraphEndpoints.Prefix + "/_keys/openid-configuration";
    public const string KeysPath = LocalGraphEndpoints.Prefix + "/_keys/jwks";

    /// <summary>Issuer of Graph's legacy notification token (reference §2.5).</summary>
    public const string Issuer = "https://api.botframework.com";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public LocalGraphSigningKey()
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    public string KeyId => _key.KeyId;

    /// <summary>A signed notification token.</summary>
    public string IssueToken(string issuer, string audience, string tenantId, DateTimeOffset now, IReadOnlyDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { ["tid"] = tenantId };
        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = now.UtcDateTime.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public static JsonObject Metadata(string baseUrl) => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = baseUrl.TrimEnd('/') + KeysPath,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    public JsonObject Keys()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = _key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
    }

    public void Dispose() => _rsa.Dispose();
}
