using System.Globalization;
using TeamsMeetBot.Commands;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>Builds parser inputs for the tables: known people, mention markup and a fixed clock.</summary>
internal static class CommandTestInputs
{
    public static readonly MentionInput Alice = new("29:alice-id", "Alice Anders", "<at>Alice Anders</at>");
    public static readonly MentionInput Bob = new("29:bob-id", "Bob Brown", "<at>Bob Brown</at>");
    public static readonly MentionInput Carol = new("29:carol-id", "Carol Chen", "<at>Carol Chen</at>");
    public static readonly MentionInput Dave = new("29:dave-id", "Dave O'Neil", "<at>Dave O&#39;Neil</at>");
    public static readonly MentionInput OncallDb = new("tag:oncall-db", "oncall-db", "<at>oncall-db</at>", IsTag: true);

    private static readonly MentionInput[] People = [Alice, Bob, Carol, Dave, OncallDb];

    /// <summary>Thursday 26 November 2026, 22:00 UTC (14:00 in Los Angeles, 23:00 in Berlin, Friday 03:30 in Kolkata).</summary>
    public static readonly DateTimeOffset DefaultNow = At("2026-11-26T22:00:00Z");

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static TimeZoneInfo Zone(string id) => id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>
    /// "{A}", "{B}", "{C}", "{D}", "{T}" in <paramref name="text"/> become Alice, Bob, Carol, Dave and the oncall-db tag as
    /// Teams markup; the mention entities are those found in the text, in order of appearance.
    /// </summary>
    public static CommandInput Input(string text, string zone = "UTC", string? now = null, string? locale = "en-US", int defaultMinutes = 30, bool assumed = false)
    {
        string expanded = text.Replace("{A}", Alice.Text, StringComparison.Ordinal)
            .Replace("{B}", Bob.Text, StringComparison.Ordinal)
            .Replace("{C}", Carol.Text, StringComparison.Ordinal)
            .Replace("{D}", Dave.Text, StringComparison.Ordinal)
            .Replace("{T}", OncallDb.Text, StringComparison.Ordinal);
        var mentions = People
            .Select(p => (Person: p, Position: expanded.IndexOf(p.Text, StringComparison.Ordinal)))
            .Where(x => x.Position >= 0)
            .OrderBy(x => x.Position)
            .Select(x => x.Person)
            .ToList();
        return new CommandInput(expanded, mentions, Zone(zone), assumed, locale, now is null ? DefaultNow : At(now), TimeSpan.FromMinutes(defaultMinutes));
    }

    public static string Names(IEnumerable<MentionInput> people) => string.Join(",", people.Select(p => p.Name));

    public static T Expect<T>(ParseResult result)
        where T : ParseResult
    {
        if (result is T typed)
        {
            return typed;
        }

        Assert.Fail($"Expected {typeof(T).Name} but got {result}");
        return null!;
    }

    /// <summary>
    /// A failure's message is what the sender reads, as it is: it quotes the suggested command exactly once and leaves
    /// "fill in the card" to the scheduling card, which adds it.
    /// </summary>
    public static void AssertMessageQuotesSuggestionOnce(ParseFailure failure, string because)
    {
        string quoted = "“" + failure.Suggestion + "”";
        int first = failure.Message.IndexOf(quoted, StringComparison.Ordinal);
        Xunit.Assert.True(first >= 0, $"{because}: “{failure.Message}” does not quote {quoted}");
        Xunit.Assert.True(failure.Message.IndexOf(quoted, first + quoted.Length, StringComparison.Ordinal) < 0, $"{because}: “{failure.Message}” quotes {quoted} twice");
        Xunit.Assert.DoesNotContain("the card", failure.Message, StringComparison.Ordinal);
    }
}
