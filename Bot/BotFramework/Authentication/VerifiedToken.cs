namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// What <see cref="ChannelTokenValidator"/> remembers of a token whose signature, issuer, audience and lifetime it
/// verified: the key that verified it, its lifetime (UTC) and its <c>serviceurl</c> claim.
/// </summary>
internal sealed record VerifiedToken(string KeyId, SigningKey Key, DateTime? NotBefore, DateTime Expires, string? ServiceUrlClaim);
