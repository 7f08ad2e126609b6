using System.Collections.Frozen;

namespace TeamsMeetBot.Commands;

/// <summary>
/// Holidays as people write them in a meeting request. Those on the same date every year and everywhere ("christmas",
/// "new year's eve", "halloween") are that date; those that move with the year or differ by country ("thanksgiving",
/// "easter", "diwali") are asked about, never guessed.
/// </summary>
internal static class Holidays
{
    /// <summary>Words as tokens (lower case), and the month and day; 0/0 for a holiday whose date moves.</summary>
    private static readonly (string[] Words, int Month, int Day)[] Known =
    [
        (["christmas", "eve"], 12, 24),
        (["xmas", "eve"], 12, 24),
        (["christmas", "day"], 12, 25),
        (["xmas", "day"], 12, 25),
        (["christmas"], 12, 25),
        (["xmas"], 12, 25),
        (["x-mas"], 12, 25),
        (["boxing", "day"], 12, 26),
        (["new", "year's", "eve"], 12, 31),
        (["new", "years", "eve"], 12, 31),
        (["new", "year’s", "eve"], 12, 31),
        (["nye"], 12, 31),
        (["new", "year's", "day"], 1, 1),
        (["new", "years", "day"], 1, 1),
        (["new", "year’s", "day"], 1, 1),
        (["new", "year", "day"], 1, 1),
        (["halloween"], 10, 31),
        (["valentine's", "day"], 2, 14),
        (["valentines", "day"], 2, 14),
        (["valentine’s", "day"], 2, 14),
        (["st", "patrick's", "day"], 3, 17),
        (["st", "patricks", "day"], 3, 17),
        (["juneteenth"], 6, 19),
        (["thanksgiving"], 0, 0),
        (["easter", "sunday"], 0, 0),
        (["easter", "monday"], 0, 0),
        (["easter"], 0, 0),
        (["good", "friday"], 0, 0),
        (["black", "friday"], 0, 0),
        (["cyber", "monday"], 0, 0),
        (["diwali"], 0, 0),
        (["deepavali"], 0, 0),
        (["holi"], 0, 0),
        (["eid"], 0, 0),
        (["hanukkah"], 0, 0),
        (["chanukah"], 0, 0),
        (["passover"], 0, 0),
        (["yom", "kippur"], 0, 0),
        (["rosh", "hashanah"], 0, 0),
        (["lunar", "new", "year"], 0, 0),
        (["chinese", "new", "year"], 0, 0),
        (["labor", "day"], 0, 0),
        (["labour", "day"], 0, 0),
        (["memorial", "day"], 0, 0),
        (["independence", "day"], 0, 0),
        (["mother's", "day"], 0, 0),
        (["mothers", "day"], 0, 0),
        (["father's", "day"], 0, 0),
        (["fathers", "day"], 0, 0),
        (["presidents", "day"], 0, 0),
        (["mlk", "day"], 0, 0),
    ];

    /// <summary>Every holiday's first word: most words are none, and are let go after one lookup.</summary>
    private static readonly FrozenSet<string> FirstWords = Known.Select(h => h.Words[0]).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstWordsBySpan = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The holiday whose words start at <paramref name="i"/>: how many tokens it takes (0 when none does) and its date
    /// (month 0 when it moves). The longer phrase comes first in the table: "christmas eve", not "christmas".
    /// </summary>
    public static int Match(CommandText t, int i, out int month, out int day) => Match(t, i, out month, out day, out _);

    /// <summary>As <see cref="Match(CommandText, int, out int, out int)"/>; <paramref name="possessive"/> for "christmas eve's".</summary>
    public static int Match(CommandText t, int i, out int month, out int day, out bool possessive)
    {
        // "valentine's day" has its apostrophe in the table; "christmas's party" is "christmas" with a possessive.
        var first = t.LowerAt(i);
        bool known = i < t.Count && t.KindAt(i) == TokenKind.Word
            && (FirstWordsBySpan.Contains(first) || FirstWordsBySpan.Contains(CommandText.WithoutPossessive(first)));
        if (!known)
        {
            month = day = 0;
            possessive = false;
            return 0;
        }

        foreach (var (words, m, d) in Known)
        {
            int k = 0;
            while (k < words.Length && (t.IsWord(i + k, words[k]) || (k == words.Length - 1 && IsPossessive(t.LowerAt(i + k), words[k]))))
            {
                k++;
            }

            if (k == words.Length)
            {
                possessive = !t.IsWord(i + k - 1, words[^1]);
                month = m;
                day = d;
                return k;
            }
        }

        month = day = 0;
        possessive = false;
        return 0;
    }

    /// <summary>"christmas's", "eve’s": "cancel christmas eve's meeting".</summary>
    private static bool IsPossessive(ReadOnlySpan<char> token, string word) =>
        token.Length == word.Length + 2 && CommandText.WithoutPossessive(token).SequenceEqual(word);
}
