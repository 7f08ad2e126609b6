namespace TeamsMeetBot.BotFramework.Authentication;

public enum SigningKeyLookupStatus
{
    Found,

    /// <summary>Keys are loaded but none has this kid (even after a forced refresh, if one was allowed).</summary>
    UnknownKeyId,

    /// <summary>No key set was ever downloaded successfully: fail closed.</summary>
    NoKeysLoaded,
}

/// <summary>Result of <see cref="SigningKeyCache.FindKeyAsync"/>.</summary>
public readonly record struct SigningKeyLookup(SigningKeyLookupStatus Status, SigningKey? Key)
{
    public static SigningKeyLookup Found(SigningKey key) => new(SigningKeyLookupStatus.Found, key);

    public static SigningKeyLookup UnknownKeyId { get; } = new(SigningKeyLookupStatus.UnknownKeyId, null);

    public static SigningKeyLookup NoKeysLoaded { get; } = new(SigningKeyLookupStatus.NoKeysLoaded, null);
}
