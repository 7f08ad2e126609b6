using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>One key from the channel jwks: the parsed verification key and the channels it is endorsed for.</summary>
public sealed class SigningKey
{
    public SigningKey(string keyId, SecurityKey securityKey, FrozenSet<string> endorsements)
    {
        KeyId = keyId;
        SecurityKey = securityKey;
        Endorsements = endorsements;
    }

    public string KeyId { get; }

    /// <summary>Public key, parsed once per download (its <see cref="SecurityKey.KeyId"/> equals <see cref="KeyId"/>).</summary>
    public SecurityKey SecurityKey { get; }

    /// <summary>The non-standard <c>endorsements</c> array of the jwks entry (channel ids, ordinal).</summary>
    public FrozenSet<string> Endorsements { get; }

    public bool IsEndorsedFor(string channelId) => Endorsements.Contains(channelId);
}
