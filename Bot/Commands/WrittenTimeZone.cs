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

    /// <summary>
    /// Places written before "time" ("London time", "New York time", "India time") that IANA does not name by a city of
    /// its own: countries with one zone and large cities. The cities IANA names (London, New York, Tokyo…) come from the
    /// system's zone table.
    /// </summary>
    private static readonly Dictionary<string, string> Places = new(StringComparer.OrdinalIgnoreCase)
    {
        ["india"] = "Asia/Kolkata", ["bangalore"] = "Asia/Kolkata", ["bengaluru"] = "Asia/Kolkata", ["mumbai"] = "Asia/Kolkata",
        ["delhi"] = "Asia/Kolkata", ["new delhi"] = "Asia/Kolkata", ["hyderabad"] = "Asia/Kolkata", ["chennai"] = "Asia/Kolkata", ["pune"] = "Asia/Kolkata",
        ["uk"] = "Europe/London", ["british"] = "Europe/London", ["ireland"] = "Europe/Dublin", ["irish"] = "Europe/Dublin",
        ["israel"] = "Asia/Jerusalem", ["japan"] = "Asia/Tokyo", ["china"] = "Asia/Shanghai", ["beijing"] = "Asia/Shanghai",
        ["korea"] = "Asia/Seoul", ["germany"] = "Europe/Berlin", ["german"] = "Europe/Berlin", ["munich"] = "Europe/Berlin",
        ["frankfurt"] = "Europe/Berlin", ["hamburg"] = "Europe/Berlin", ["france"] = "Europe/Paris", ["spain"] = "Europe/Madrid",
        ["italy"] = "Europe/Rome", ["netherlands"] = "Europe/Amsterdam", ["dutch"] = "Europe/Amsterdam", ["poland"] = "Europe/Warsaw",
        ["sweden"] = "Europe/Stockholm", ["switzerland"] = "Europe/Zurich", ["turkey"] = "Europe/Istanbul", ["egypt"] = "Africa/Cairo",
        ["south africa"] = "Africa/Johannesburg", ["new zealand"] = "Pacific/Auckland", ["uae"] = "Asia/Dubai",
        ["philippines"] = "Asia/Manila", ["vietnam"] = "Asia/Ho_Chi_Minh", ["pakistan"] = "Asia/Karachi", ["bangladesh"] = "Asia/Dhaka",
        ["sri lanka"] = "Asia/Colombo", ["singapore"] = "Asia/Singapore", ["hong kong"] = "Asia/Hong_Kong",
        ["san francisco"] = "America/Los_Angeles", ["seattle"] = "America/Los_Angeles", ["redmond"] = "America/Los_Angeles",
        ["boston"] = "America/New_York", ["washington"] = "America/New_York", ["atlanta"] = "America/New_York", ["miami"] = "America/New_York",
        ["dallas"] = "America/Chicago", ["houston"] = "America/Chicago", ["austin"] = "America/Chicago",
    };

    /// <summary>Places with more than one zone: a question, never a guess.</summary>
    private static readonly string[] ManyZonePlaces = ["us", "usa", "america", "american", "canada", "australia", "brazil", "russia", "mexico", "indonesia"];

    /// <summary>The cities in the system's zone ids ("Europe/London" → "london", "America/New_York" → "new york").</summary>
    private static readonly Lazy<Dictionary<string, string>> ZoneCities = new(ReadZoneCities);

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

        var placeMatch = TryPlaceTime(t, i, out zone, out next, out problem);
        if (placeMatch != GrammarMatch.No)
        {
            return placeMatch;
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

    /// <summary>"London time", "New York time", "India time": one to three words, then "time".</summary>
    private static GrammarMatch TryPlaceTime(CommandText t, int i, out TimeZoneInfo zone, out int next, out string? problem)
    {
        zone = TimeZoneInfo.Utc;
        next = i;
        problem = null;
        for (int words = 1; words <= 3 && i + words < t.Count; words++)
        {
            if (t.Tokens[i + words - 1].Kind != TokenKind.Word)
            {
                return GrammarMatch.No;
            }

            if (!t.IsWord(i + words, "time"))
            {
                continue;
            }

            var match = Place(t, i, words, out zone, out problem);
            next = match == GrammarMatch.No ? i : i + words + 1;
            return match;
        }

        return GrammarMatch.No;
    }

    /// <summary>
    /// A place of one to three words from <paramref name="i"/> that ends the message, or a question mark does: "what time
    /// is it in London?", "in New York". Places with several zones ("US") are <see cref="GrammarMatch.Invalid"/>.
    /// </summary>
    public static GrammarMatch TryReadPlaceAtEnd(CommandText t, int i, out TimeZoneInfo zone, out string? problem)
    {
        zone = TimeZoneInfo.Utc;
        problem = null;
        int end = WordsEnd(t, i);
        if (end == i || end - i > 3 || (end < t.Count && !t.IsPunct(end, '?') && !t.IsPunct(end, '.')))
        {
            return GrammarMatch.No;
        }

        return Place(t, i, end - i, out zone, out problem);
    }

    /// <summary>
    /// A zone as <see cref="TryRead"/> reads it ("UTC+2", "Europe/Berlin", "IST"), or else a place that ends the message
    /// as <see cref="TryReadPlaceAtEnd"/> reads it ("London?"), when <paramref name="next"/> is the message's end.
    /// </summary>
    public static GrammarMatch TryReadZoneOrPlace(CommandText t, int i, out TimeZoneInfo zone, out int next, out string? problem)
    {
        var match = TryRead(t, i, out zone, out next, out problem);
        if (match == GrammarMatch.No)
        {
            match = TryReadPlaceAtEnd(t, i, out zone, out problem);
            next = match == GrammarMatch.No ? i : t.Count;
        }

        return match;
    }

    /// <summary>Where the run of words from <paramref name="i"/> ends (<paramref name="i"/> when it is no word).</summary>
    public static int WordsEnd(CommandText t, int i)
    {
        int end = i;
        while (end < t.Count && t.Tokens[end].Kind == TokenKind.Word)
        {
            end++;
        }

        return end;
    }

    private static GrammarMatch Place(CommandText t, int i, int words, out TimeZoneInfo zone, out string? problem)
    {
        zone = TimeZoneInfo.Utc;
        problem = null;
        string place = t.Render(i, i + words);
        if (words == 1 && t.IsWordAny(i, ManyZonePlaces))
        {
            problem = "“" + place + " time” has more than one time zone: write the zone, like 10am ET or 10am America/Chicago";
            return GrammarMatch.Invalid;
        }

        return (Places.TryGetValue(place, out var id) || ZoneCities.Value.TryGetValue(place, out id)) && TimeZoneResolver.TryFind(id, out zone)
            ? GrammarMatch.Ok
            : GrammarMatch.No;
    }

    /// <summary>
    /// The cities of the zone ids in the system's time zone table (<c>zone.tab</c> under <c>TZDIR</c> or
    /// /usr/share/zoneinfo): a file of a few hundred lines, read once, where loading every zone would take most of a
    /// second and megabytes. Without the table (Windows) only <see cref="Places"/> is known.
    /// </summary>
    private static Dictionary<string, string> ReadZoneCities()
    {
        var cities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string directory = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } tzdir ? tzdir : "/usr/share/zoneinfo";
        try
        {
            foreach (string line in File.ReadLines(Path.Combine(directory, "zone.tab")))
            {
                // country code, coordinates, zone id, comments
                string[] fields = line.Split('\t');
                if (line.StartsWith('#') || fields.Length < 3)
                {
                    continue;
                }

                string id = fields[2];
                int slash = id.LastIndexOf('/');
                if (slash > 0)
                {
                    cities.TryAdd(id[(slash + 1)..].Replace('_', ' '), id);
                }
            }
        }
        catch (IOException)
        {
            // No table: the places listed above still work.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return cities;
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
