namespace TeamsMeetBot.Storage;

/// <summary>
/// Limits every store enforces the same way, so a value that works against the embedded SQLite
/// file also fits in Azure Table storage (the smaller of the two) and a developer finds out locally.
/// </summary>
public static class StoreLimits
{
    /// <summary>
    /// The longest serialized value, in UTF-16 characters. An Azure table entity is at most 1 MiB,
    /// strings are stored as UTF-16 and one string property holds at most 64 KiB, so a value is split
    /// over at most <see cref="MaxValueParts"/> properties of <see cref="ValuePartChars"/> characters
    /// (≈ 960 KiB), leaving room for the keys and the other properties.
    /// </summary>
    public const int MaxValueChars = MaxValueParts * ValuePartChars;

    /// <summary>Characters per Azure string property (64,000 bytes in UTF-16, under the 64 KiB limit).</summary>
    public const int ValuePartChars = 32_000;

    /// <summary>How many string properties a large value may be split across.</summary>
    public const int MaxValueParts = 15;

    /// <summary>Throws when a serialized value is larger than every store accepts.</summary>
    public static void EnsureValueFits(string table, string partitionKey, string rowKey, string json)
    {
        if (json.Length > MaxValueChars)
        {
            throw new ArgumentException(
                $"The value for {table}/{partitionKey}/{rowKey} serializes to {json.Length} characters; the store accepts at most {MaxValueChars} " +
                "(Azure Table storage limits an entity to 1 MiB). Store less in one item or split it over several rows.",
                nameof(json));
        }
    }
}
