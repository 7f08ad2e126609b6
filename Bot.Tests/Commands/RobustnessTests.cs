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
