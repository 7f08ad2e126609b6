using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>An immutable snapshot of one successful jwks download; replaced as a whole on refresh.</summary>
public sealed class SigningKeySet
{
    public SigningKeySet(FrozenDictionary<string, SigningKey> keys, DateTimeOffset loadedAt)
    {
        Keys = keys;
        LoadedAt = loadedAt;
    }

    /// <summary>kid → key (ordinal).</summary>
    public FrozenDictionary<string, SigningKey> Keys { get; }

    public DateTimeOffset LoadedAt { get; }

    public bool TryGetKey(string keyId, [NotNullWhen(true)] out SigningKey? key) => Keys.TryGetValue(keyId, out key);
}
