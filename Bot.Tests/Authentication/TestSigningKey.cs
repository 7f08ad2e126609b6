using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.Tests.Authentication;

/// <summary>How a <see cref="TestSigningKey"/> is published in the jwks.</summary>
public enum TestJwkFormat
{
    /// <summary><c>n</c> and <c>e</c> (what login.botframework.com serves, alongside x5c).</summary>
    ModulusAndExponent,

    /// <summary>Only an <c>x5c</c> self-signed certificate, no <c>n</c>/<c>e</c>.</summary>
    CertificateOnly,
}

/// <summary>
/// A freshly generated RSA-2048 key pair standing in for one Bot Framework channel signing key:
/// its kid, the channels it is endorsed for, and the private key tokens are signed with.
/// Create it, then publish it with <see cref="TestTokenIssuer.AddKey"/> or <see cref="TestTokenIssuer.RotateTo"/>.
/// </summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(string keyId, RSA rsa, IReadOnlyList<string> endorsements, TestJwkFormat format)
    {
        KeyId = keyId;
        _rsa = rsa;
        Endorsements = endorsements;
        Format = format;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>Generates a key. <paramref name="endorsements"/> are channel ids, e.g. <c>"msteams"</c>.</summary>
    public static TestSigningKey Create(string keyId, params string[] endorsements) => Create(keyId, TestJwkFormat.ModulusAndExponent, endorsements);

    public static TestSigningKey Create(string keyId, TestJwkFormat format, params string[] endorsements) =>
        new(keyId, RSA.Create(2048), endorsements, format);

    public string KeyId { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public TestJwkFormat Format { get; }

    /// <summary>The private key (with <see cref="SecurityKey.KeyId"/> = <see cref="KeyId"/>), for signing.</summary>
    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo: what an attacker can download and misuse as an HMAC secret.</summary>
    public byte[] PublicKeyBytes => _rsa.ExportSubjectPublicKeyInfo();

    /// <summary>The same private key presented under another kid (a token that lies about its key).</summary>
    public RsaSecurityKey WithKeyId(string keyId) => new(_rsa) { KeyId = keyId };

    /// <summary>The jwks entry, with Bot Framework's non-standard <c>endorsements</c> array.</summary>
    public JsonObject ToJwk()
    {
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
        };
        if (Format == TestJwkFormat.CertificateOnly)
        {
            using var certificate = CreateSelfSignedCertificate();
            jwk["x5c"] = new JsonArray(Convert.ToBase64String(certificate.Export(X509ContentType.Cert)));
        }
        else
        {
            var parameters = _rsa.ExportParameters(includePrivateParameters: false);
            jwk["n"] = Base64UrlEncoder.Encode(parameters.Modulus);
            jwk["e"] = Base64UrlEncoder.Encode(parameters.Exponent);
        }

        jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode?)JsonValue.Create(e))]);
        return jwk;
    }

    public void Dispose() => _rsa.Dispose();

    private X509Certificate2 CreateSelfSignedCertificate()
    {
        var request = new CertificateRequest($"CN={KeyId}", _rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}
