using System.Text.Json.Serialization;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>The part of the OpenID metadata document the bot reads.</summary>
internal sealed class OpenIdMetadataDocument
{
    [JsonPropertyName("issuer")]
    public string? Issuer { get; set; }

    [JsonPropertyName("jwks_uri")]
    public string? JwksUri { get; set; }
}

/// <summary>A JSON Web Key Set as served by login.botframework.com.</summary>
internal sealed class JsonWebKeySetDocument
{
    [JsonPropertyName("keys")]
    public List<JsonWebKeyDocument>? Keys { get; set; }
}

/// <summary>One jwks entry, including Bot Framework's non-standard <c>endorsements</c>.</summary>
internal sealed class JsonWebKeyDocument
{
    [JsonPropertyName("kty")]
    public string? KeyType { get; set; }

    [JsonPropertyName("use")]
    public string? Use { get; set; }

    [JsonPropertyName("kid")]
    public string? KeyId { get; set; }

    [JsonPropertyName("n")]
    public string? Modulus { get; set; }

    [JsonPropertyName("e")]
    public string? Exponent { get; set; }

    [JsonPropertyName("x5c")]
    public List<string>? CertificateChain { get; set; }

    [JsonPropertyName("endorsements")]
    public List<string>? Endorsements { get; set; }
}

/// <summary>Source-generated reader for the metadata and jwks documents.</summary>
[JsonSourceGenerationOptions(MaxDepth = 16)]
[JsonSerializable(typeof(OpenIdMetadataDocument))]
[JsonSerializable(typeof(JsonWebKeySetDocument))]
internal sealed partial class SigningKeyJsonContext : JsonSerializerContext;
