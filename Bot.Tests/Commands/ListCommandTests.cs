using TeamsMeetBot.Commands;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>Questions about the meetings here: which are asked as a list, and what narrows it. Los Angeles, Thu 26 Nov 2026 14:00.</summary>
public class ListCommandTests
{
    /// <summary>text → only the sender's, the day named ("" for none), words of a subject or name, only the next.</summary>
    public static TheoryData<string, bool, string, string, bool> Questions => new()
    {
        { "meetings", false, "", "", false },
        { "list", false, "", "", false },
        { "list meetings", false, "", "", false },
        { "list my meetings", true, "", "", false },
        { "my meetings", true, "", "", false },
        { "show my meetings", true, "", "", false },
        { "show me the meetings here", false, "", "", false },
        { "upcoming meetings", false, "", "", false },
        { "what meetings do I have", true, "", "", false },
        { "what's scheduled", false, "", "", false },
        { "what is coming up?", false, "", "", false },
        { "what's on the agenda", false, "", "", false },
        { "what's on today", false, "2026-11-26", "", false },
        { "any meetings today?", false, "2026-11-26", "", false },
        { "what meetings are there tomorrow", false, "2026-11-27", "", false },
        { "meetings on friday", false, "2026-11-27", "", false },
        { "do we have a meeting tomorrow?", false, "2026-11-27", "", false },
        { "do I have any meetings on Monday", true, "2026-11-30", "", false },
        { "is there a meeting link?", false, "", "", false },
        { "when is the standup", false, "", "standup", false },
        { "when's the retro?", false, "", "retro", false },
        { "what time is the budget meeting", false, "", "budget", false },
        { "list meetings with alice", false, "", "alice", false },
        { "when is my next meeting", true, "", "", true },
        // Asking for the link: the meetings with their Join buttons ("join link?" used to make the bot join the call).
        { "join link?", false, "", "", false },
        { "what's the join link?", false, "", "", false },
        { "where is the link", false, "", "", false },
        { "link please", false, "", "", false },
        { "send me the link again", false, "", "", false },
        { "can you post the link again", false, "", "", false },
        { "meeting link", false, "", "", false },
        { "meeting link?", false, "", "", false },
        { "where is the meeting link", false, "", "", false },
        { "what is the url", false, "", "", false },
        { "where's the meeting", false, "", "", false },
        { "what's next", false, "", "", true },
        // These got "Sorry, I didn't get …".
        { "what's my next meeting", true, "", "", true },
        { "what is my next meeting?", true, "", "", true },
        { "what's the next call", false, "", "", true },
        { "next meeting?", false, "", "", true },
        { "next call today", false, "2026-11-26", "", true },
        { "what's my first meeting tomorrow", true, "2026-11-27", "", true },
        { "what have I got today", true, "2026-11-26", "", false },
        { "what do we have tomorrow?", false, "2026-11-27", "", false },
        // "anything …?" (these got "Sorry, I didn't get …")
        { "anything tomorrow?", false, "2026-11-27", "", false },
        { "anything else today?", false, "2026-11-26", "", false },
        { "anything on friday?", false, "2026-11-27", "", false },
        { "anything scheduled for monday?", false, "2026-11-30", "", false },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Questions_about_the_meetings_here_list_them(string text, bool mine, string day, string words, bool next)
    {
        var list = Expect<ListMeetingsCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

        Assert.Equal(mine, list.Mine);
        Assert.Equal(day, list.Which.OnDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(words, string.Join(" ", list.Which.Words));
        Assert.Equal(next, list.Which.Next);
        Assert.Equal("America/Los_Angeles", list.TimeZone.Id);
    }

    /// <summary>Remarks that mention a meeting but ask for no list.</summary>
    [Theory]
    [InlineData("what's up")]
    [InlineData("see you at the meeting")]
    [InlineData("show up to the meeting")]
    [InlineData("what can you do")]
    [InlineData("join")]
    [InlineData("join the call")]
    [InlineData("what do I have to do")]
    [InlineData("next meeting at 3 with bob")]
    [InlineData("when is alice free")]
    [InlineData("when are bob and carol available tomorrow")]
    [InlineData("anything I should know about the budget meeting?")]
    public void Remarks_are_not_questions_about_meetings(string text) =>
        Assert.IsNotType<ListMeetingsCommand>(CommandParser.Parse(Input(text, "America/Los_Angeles")));

    [Fact]
    public void A_day_that_cannot_be_read_is_said_and_lists_nothing()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("what's on feb 30", "America/Los_Angeles")));

        Assert.Equal("I couldn't tell which day you mean: “feb 30” is not a date in the calendar. Ask, e.g., “what's on tomorrow”, “meetings on Friday” or “list meetings”.", failure.Message);
    }

    [Fact]
    public void A_misspelt_list_is_suggested()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(Input("lsit meetings", "America/Los_Angeles")));

        Assert.Equal("list meetings", failure.Suggestion);
    }
}
