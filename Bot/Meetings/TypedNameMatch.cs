using System.Globalization;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// How well a name typed as text ("alice", "@alice", "Alice Anders", "alice.anders", "alice@contoso.com") fits a person
/// the Connector or Graph knows. Case and accents are ignored ("zoe" is Zoë).
/// </summary>
internal static class TypedNameMatch
{
    /// <summary>Not this person.</summary>
    public const int None = 0;

    /// <summary>One part of the name: the first name, the last name, the name written "alice.anders", or the sign-in name before the "@".</summary>
    public const int Part = 1;

    /// <summary>The whole display name, or the email address or sign-in name in full.</summary>
    public const int Whole = 2;

    private static readonly CompareInfo Compare = CultureInfo.InvariantCulture.CompareInfo;
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    public static int Strength(string typed, string? name, string? givenName, string? surname, string? userPrincipalName, string? email)
    {
        var t = typed.AsSpan().Trim().TrimStart('@');
        if (t.IsEmpty)
        {
            return None;
        }

        if (t.Contains('@'))
        {
            return Same(t, userPrincipalName) || Same(t, email) ? Whole : None;
        }

        var whole = name.AsSpan().Trim();
        if (Same(t, whole))
        {
            return Whole;
        }

        if (Same(t, givenName) || Same(t, surname))
        {
            return Part;
        }

        int space = whole.IndexOf(' ');
        if (space > 0 && (Same(t, whole[..space]) || Same(t, whole[(whole.LastIndexOf(' ') + 1)..])))
        {
            return Part;
        }

        if (space > 0 && t.Length == whole.Length && t.IndexOfAny(".-_") > 0)
        {
            // "alice.anders", "alice-anders", "alice_anders": the spaces written another way.
            Span<char> joined = stackalloc char[whole.Length];
            whole.CopyTo(joined);
            joined.Replace(' ', t[t.IndexOfAny(".-_")]);
            if (Same(t, joined))
            {
                return Part;
            }
        }

        int at = userPrincipalName?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0 && Same(t, userPrincipalName.AsSpan(0, at)) ? Part : None;
    }

    /// <summary>The candidates <paramref name="typed"/> fits best (a whole name wins over a part of one); empty when it fits none.</summary>
    public static List<T> Best<T>(string typed, IEnumerable<T> candidates, Func<string, T, int> strength)
    {
        var best = new List<T>();
        int bestStrength = None;
        foreach (var candidate in candidates)
        {
            int s = strength(typed, candidate);
            if (s > bestStrength)
            {
                best.Clear();
                bestStrength = s;
            }

            if (s == bestStrength && s > None)
            {
                best.Add(candidate);
            }
        }

        return best;
    }

    private static bool Same(ReadOnlySpan<char> typed, ReadOnlySpan<char> known) => !known.IsEmpty && Compare.Compare(typed, known.Trim(), Loose) == 0;
}
