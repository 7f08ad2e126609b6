using System.Globalization;

namespace TeamsMeetBot.Commands;

/// <summary>
/// A time zone written after a clock time ("at 3pm UTC", "15:00 Europe/London", "9am Pacific time", "14:00 UTC+5:30"):
/// the whole command is then read in that zone instead of the sender's, its day words included ("tomorrow" is tomorrow
/// there), and the meeting is described and kept in it. Understood: UTC and GMT with or without an offset, IANA
/// zone ids (with a slash: "Europe/London"), and the abbreviations that name one zone. An abbreviation that names several (IST: India, Ireland
/// or Israel) is a problem to report, never a guess: a meeting at the wrong hour is worse than a question.
/// </summary>
internal static class WrittenTimeZone
{
    /// <summary>Abbreviations and names → the IANA zone they stand for (its daylight saving rules apply, so EST and EDT agree).</summary>
    private static readonly Dictionary<string, string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["est"] = "America/New_York", ["edt"] = "America/New_York", ["et"] = "America/New_York", ["eastern"] = "America/New_York",
        ["cst"] = "America/Chicago", ["cdt"] = "America/Chicago", ["ct"] = "America/Chicago", ["central"] = "America/Chicago",
        ["mst"] = "America/Denver", ["mdt"] = "America/Denver", ["mt"] = "America/Denver", ["mountain"] = "America/Denver",
        ["pst"] = "America/Los_Angeles", ["pdt"] = "America/Los_Angeles", ["pt"] = "America/Los_Angeles", ["pacific"] = "America/Los_Angeles",
        ["wet"] = "Europe/Lisbon", ["west"] = "Europe/Lisbon", ["bst"] = "Europe/London",
        ["cet"] = "Europe/Berlin", ["cest"] = "Europe/Berlin", ["eet"] = "Europe/Athens", ["eest"] = "Europe/Athens",
        ["jst"] = "Asia/Tokyo", ["sgt"] = "Asia/Singapore", ["hkt"] = "Asia/Hong_Kong",
        ["aest"] = "Australia/Sydney", ["aedt"] = "Australia/Sydney", ["nzst"] = "Pacific/Auckland", ["nzdt"] = "Pacific/Auckland",
    };

    /// <summary>Abbreviations in common use for more than one zone: what each may mean.</summary>
    private static readonly Dictionary<string, string> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ist"] = "India, Ireland or Israel",
        ["ast"] = "Atlantic or Arabia",
        ["gst"] = "Gulf or South Georgia",
    };

    private static readonly TimeSpan MaximumOffset = TimeSpan.FromHours(14);

    /// <summary>
    /// Reads a zone starting at token <paramref name="i"/>: <see cref="GrammarMatch.Ok"/> with the zone, <see cref="GrammarMatch.Invalid"/>
    /// with a problem for an ambiguous abbreviation or an impossible offset, or <see cref="GrammarMatch.No"/>.
    /// </summary>
    public static GrammarMatch TryRead(CommandText t, int i, out TimeZoneInfo zone, out int next, out string? problem)
    {
        zone = TimeZoneInfo.Utc;
        next = i;
        problem = null;
        if (i >= t.Count || t.Tokens[i].Kind != TokenKind.Word)
        {
            return GrammarMatch.No;
        }

        // The zone is the run of text up to the next space ("Europe/London", "UTC+05:30"), without closing punctuation.
        int start = t.Tokens[i].Start;
        int end = start;
        while (end < t.Text.Length && !char.IsWhiteSpace(t.Text[end]))
        {
            end++;
        }

        while (end > start && t.Text[end - 1] is '.' or ',' or ';' or '!' or '?' or ')')
        {
            end--;
        }

        string written = t.Text[start..end];
        var match = Read(written, out zone, out problem);
        if (match == GrammarMatch.No)
        {
            return match;
        }

        next = i + 1;
        while (next < t.Count && t.Tokens[next].Start < end)
        {
            next++;
        }

        if (t.IsWord(next, "time"))
        {
            next++; // "3pm Pacific time"
        }

        return match;
    }

    private static GrammarMatch Read(string written, out TimeZoneInfo zone, out string? problem)
    {
        zone = TimeZoneInfo.Utc;
        problem = null;
        if (Ambiguous.TryGetValue(written, out var meanings))
        {
            problem = "“" + written + "” can mean " + meanings + " time: write the zone as UTC+5:30 or Asia/Kolkata, for example";
            return GrammarMatch.Invalid;
        }

        if (Named.TryGetValue(written, out var id) && TimeZoneResolver.TryFind(id, out zone))
        {
            return GrammarMatch.Ok;
        }

        foreach (var prefix in (ReadOnlySpan<string>)["utc", "gmt"])
        {
            if (!written.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = written.AsSpan(prefix.Length);
            if (rest.IsEmpty)
            {
                return GrammarMatch.Ok;
            }

            if (!TryOffset(rest, out var offset))
            {
                problem = "“" + written + "” is not a time zone I can read (write it like UTC+2 or UTC-05:30)";
                return GrammarMatch.Invalid;
            }

            zone = ZonedTime.FixedOffset(offset);
            return GrammarMatch.Ok;
        }

        // IANA ids have a slash ("Europe/London"); a single word would make every subject word a zone lookup.
        return written.Contains('/', StringComparison.Ordinal) && TimeZoneResolver.TryFind(written, out zone) ? GrammarMatch.Ok : GrammarMatch.No;
    }

    /// <summary>"+2", "-5", "+05:30", "+0530", "−3" (a Unicode minus as well).</summary>
    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        int sign = text[0] switch { '+' => 1, '-' or '−' or '–' => -1, _ => 0 };
        var digits = text[1..];
        if (sign == 0 || digits.IsEmpty)
        {
            return false;
        }

        int hours;
        int minutes = 0;
        int colon = digits.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(digits[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
                || digits.Length - colon - 1 != 2 || !int.TryParse(digits[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
            {
                return false;
            }
        }
        else if (digits.Length <= 2)
        {
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out hours))
            {
                return false;
            }
        }
        else if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm))
        {
            hours = hhmm / 100;
            minutes = hhmm % 100;
        }
        else
        {
            return false;
        }

        if (minutes is not (0 or 15 or 30 or 45))
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return offset.Duration() <= MaximumOffset;
    }
}
