using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>Whatever people type, the parser answers (a command or a failure that reads well) and never throws.</summary>
public class RobustnessTests
{
    private static readonly string[] Vocabulary =
    [
        "meet", "now", "with", "{A}", "{B}", "{T}", "@bob", "about", "for", "at", "on", "in", "from", "to", "between", "and",
        "tomorrow", "today", "next", "friday", "dec", "3", "3pm", "15:30", "25:00", "12/3", "2026-12-03", "3.12.", "1h30", "90m",
        "an", "hour", "half", "min", "\"", "“", "”", "'", "-", "–", ",", ".", "?", "&nbsp;", "&amp;", "<at>", "</at>", "<p>",
        "99999999999999999999", "1.5", "1,5", "am", "pm", "noon", "midnight", "ring", "cancel", "reschedule", "by", "make", "it",
        "join", "leave", "status", "help", "the", "3rd", "of", "the day after", "-ish", "o'clock", "p.m.", "everyone", "all of you",
        "2030-02-30", "0:00", "24:00", "999h", "in 999999 hours", "\u00A0", "\t", "@", "<", ">", "&", "\uE000",
        // Words the grammar learnt later: holidays, typos, events, which meeting a change names, calls.
        "any", "some", "time", "christmas", "eve", "new year's", "thanksgiving", "week", "a", "thursday", "wendesday", "tmorow",
        "after", "before", "first", "thing", "all", "day", "w", "w/", "bring", "invite", "plus", "#", "INC-4512", "fridays",
        "move", "push", "shorten", "extend", "call off", "ping", "give", "a ring", "you can", "thanks", "1:1", "last", "until",
        "arvo", "standup", "budget", "'s", "can we", "from 10 to 11", "whenever", "right", "ago",
        // Names typed as text and questions about the meetings here.
        "bob", "Carol Chen", "alice.anders", "a@b.co", "x@y", "_", "me", "list", "meetings", "my", "what's", "when", "is", "show",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1; seed <= 20; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_word_salad_never_throws_and_every_failure_quotes_one_command(int seed)
    {
        var random = new Random(seed);
        string[] zones = ["UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe"];
        for (int n = 0; n < 200; n++)
        {
            int length = random.Next(0, 12);
            string text = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, length).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            var input = Input(text, zones[random.Next(zones.Length)], locale: random.Next(2) == 0 ? "en-US" : "de-DE");

            var result = CommandParser.Parse(input);

            Assert.NotNull(result);
            if (result is ParseFailure failure)
            {
                Assert.False(string.IsNullOrWhiteSpace(failure.Suggestion), text);
                AssertMessageQuotesSuggestionOnce(failure, text);
            }
            else if (result is CreateMeetingCommand meeting)
            {
                Assert.InRange(meeting.Duration, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
                Assert.True(meeting.Start is null || meeting.Start.Value.Offset == TimeSpan.Zero, text);
            }
        }
    }

    /// <summary>
    /// Every pair of words from the vocabulary at the very start of a message, then "meet …": the grammar looks one token
    /// back in places, and a look back from the first token once threw ("any time tomorrow meet with @Alice").
    /// </summary>
    [Theory]
    [InlineData("meet with {A}")]
    [InlineData("cancel")]
    [InlineData("")]
    public void Every_two_word_start_never_throws(string rest)
    {
        foreach (string first in Vocabulary)
        {
            foreach (string second in Vocabulary)
            {
                string text = first + " " + second + " " + rest;
                var result = CommandParser.Parse(Input(text, "America/Los_Angeles"));

                Assert.NotNull(result);
                if (result is ParseFailure failure)
                {
                    Assert.False(string.IsNullOrWhiteSpace(failure.Suggestion), text);
                }
            }
        }
    }

    [Theory]
    [InlineData("any time tomorrow meet with {A}")]
    [InlineData("some time tomorrow let's meet")]
    public void A_phrase_asked_about_at_the_very_start_is_asked_about(string text) =>
        Assert.Equal(ParseFailureKind.UnreadableTime, Assert.IsType<ParseFailure>(CommandParser.Parse(Input(text))).Kind);

    [Theory]
    [InlineData("meet 99999999999999999999 min")]
    [InlineData("meet for 99999999999999999 hours")]
    [InlineData("meet in 999999999 hours")]
    [InlineData("meet 123456789/987654321 at 3pm")]
    [InlineData("meet for 1h9999")]
    public void Absurd_numbers_are_failures_not_exceptions(string text)
    {
        Assert.IsType<ParseFailure>(CommandParser.Parse(Input(text)));
    }
}
