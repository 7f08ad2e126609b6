using System.Text;

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
        ArgumentNullException.ThrowIfNull(json);
        ThrowIfTooLong(table, partitionKey, rowKey, json.Length, nameof(json));
    }

    /// <summary>
    /// The same limit for a value serialized as UTF-8 (the SQLite store's form): counted in the UTF-16 characters the
    /// value would take in Azure, which are never more than its UTF-8 bytes, so only a long value is decoded to count.
    /// </summary>
    public static void EnsureValueFits(string table, string partitionKey, string rowKey, ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxValueChars)
        {
            ThrowIfTooLong(table, partitionKey, rowKey, Encoding.UTF8.GetCharCount(utf8Json), nameof(utf8Json));
        }
    }

    private static void ThrowIfTooLong(string table, string partitionKey, string rowKey, int chars, string valueName)
    {
        if (chars > MaxValueChars)
        {
            throw new ArgumentException(
                $"The value for {table}/{partitionKey}/{rowKey} serializes to {chars} characters; the store accepts at most {MaxValueChars} " +
                "(Azure Table storage limits an entity to 1 MiB). Store less in one item or split it over several rows.",
                valueName);
        }
    }
}
