namespace TeamsMeetBot.Tests.Authentication;

/// <summary>How <see cref="TestTokenIssuer.CreateToken"/> signs a token.</summary>
public enum TestTokenSigning
{
    /// <summary>RS256 with the chosen key (a genuine channel token).</summary>
    Rs256,

    /// <summary>Unsigned: header <c>alg: none</c>, empty signature.</summary>
    AlgorithmNone,

    /// <summary>HS256 with the key's public DER bytes as the HMAC secret (algorithm-confusion attack).</summary>
    Hs256WithPublicKeyAsSecret,
}

/// <summary>
/// Deviations from a genuine channel token. Every property left null keeps the genuine value; times
/// are absolute (use the issuer's <see cref="TimeProvider"/> to compute them).
/// </summary>
public sealed record TestTokenOptions
{
    /// <summary><c>iss</c>; default <see cref="TestTokenIssuer.BotFrameworkIssuer"/>.</summary>
    public string? Issuer { get; init; }

    /// <summary><c>nbf</c>; default now.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary><c>exp</c>; default now + 1 hour.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>Leave out <c>exp</c> entirely.</summary>
    public bool OmitExpiration { get; init; }

    /// <summary>Leave out <c>aud</c> entirely (the audience argument is ignored).</summary>
    public bool OmitAudience { get; init; }

    /// <summary>Header <c>kid</c> to claim while signing with the chosen key's private key.</summary>
    public string? HeaderKeyId { get; init; }

    /// <summary>Leave out the header <c>kid</c>.</summary>
    public bool OmitKeyId { get; init; }

    public TestTokenSigning Signing { get; init; } = TestTokenSigning.Rs256;

    /// <summary>Extra payload claims (added after the standard ones, same name replaces).</summary>
    public IReadOnlyDictionary<string, object>? AdditionalClaims { get; init; }
}
