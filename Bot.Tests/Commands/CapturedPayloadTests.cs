using System.Globalization;
using System.Text.Json.Nodes;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Tests.Support;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// The captured Teams and Playground activities, turned into parser input the way the bot will: the bot's own mention
/// (the recipient) removed from the text, the other mentions as entities, the zone from clientInfo / localTimezone /
/// localTimestamp, the locale, and the activity's timestamp as "now".
/// </summary>
public class CapturedPayloadTests
{
    private static CommandInput FromActivity(string folder, string file, string? replaceTextWith = null)
    {
        var activity = JsonNode.Parse(SharedData.ActivityJson(folder, file))!.AsObject();
        string botId = (string?)activity["recipient"]?["id"] ?? "";
        string text = replaceTextWith ?? (string?)activity["text"] ?? "";
        var mentions = new List<MentionInput>();
        string? clientZone = null;
        string? clientLocale = null;
        foreach (var entity in activity["entities"]?.AsArray() ?? [])
        {
            string? type = (string?)entity?["type"];
            if (type == "mention")
            {
                string id = (string?)entity!["mentioned"]?["id"] ?? "";
                string markup = (string?)entity["text"] ?? "";
                if (id == botId)
                {
                    text = text.Replace(markup, "", StringComparison.Ordinal);
                    continue;
                }

                mentions.Add(new MentionInput(id, (string?)entity["mentioned"]?["name"] ?? "", markup));
            }
            else if (type == "clientInfo")
            {
                clientZone = (string?)entity!["timezone"];
                clientLocale = (string?)entity["locale"];
            }
        }

        string? localStamp = (string?)activity["localTimestamp"];
        var zone = TimeZoneResolver.Resolve(
            clientZone,
            (string?)activity["localTimezone"],
            localStamp is null ? null : DateTimeOffset.Parse(localStamp, CultureInfo.InvariantCulture));
        var now = DateTimeOffset.Parse((string?)activity["timestamp"] ?? "2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        return new CommandInput(text, mentions, zone.Zone, zone.Assumed, (string?)activity["locale"] ?? clientLocale, now, TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void Personal_meet_now_with_a_typed_name_creates_a_meeting_and_reports_the_name()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(FromActivity("playground-captures", "to-bot-03-message-personal-meet-now.json")));

        Assert.Null(command.Start);
        Assert.Empty(command.Attendees);
        Assert.Equal(["alice"], command.UnmatchedNames);
        Assert.Null(command.Subject);
        Assert.False(command.TimeZoneAssumed);
    }

    [Fact]
    public void Group_chat_meet_now_with_two_mentions()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(FromActivity("playground-captures", "to-bot-08-message-groupChat-with-mentions.json")));

        Assert.Null(command.Start);
        Assert.Equal(["29:alice-id", "29:bob-id"], command.Attendees.Select(a => a.Id));
        Assert.Empty(command.UnmatchedNames);
    }

    [Fact]
    public void Channel_meet_now_with_one_mention()
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(FromActivity("playground-captures", "to-bot-13-message-channel-with-mentions.json")));

        Assert.Equal(["29:alice-id"], command.Attendees.Select(a => a.Id));
    }

    [Fact]
    public void Channel_probe_is_not_understood_and_gets_a_suggestion()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(FromActivity("playground-captures", "to-bot-16-message-channel-thread-reply.json")));

        Assert.Equal(ParseFailureKind.NotUnderstood, failure.Kind);
        Assert.Equal("meet now", failure.Suggestion);
    }

    [Theory]
    [InlineData("teams-payloads", "channel-message-bot-mention.json")]
    [InlineData("teams-payloads", "personal-message.json")]
    public void A_greeting_gets_help(string folder, string file)
    {
        Assert.IsType<HelpCommand>(CommandParser.Parse(FromActivity(folder, file)));
    }

    [Fact]
    public void Another_bots_mention_stays_a_mention_and_the_text_is_not_understood()
    {
        var failure = Expect<ParseFailure>(CommandParser.Parse(FromActivity("teams-payloads", "channel-message-two-mentions.json")));

        Assert.Equal(ParseFailureKind.NotUnderstood, failure.Kind);
        Assert.Equal("meet now with @Test Bot 1", failure.Suggestion);
        Assert.Equal("@Test Bot 1 TestMessage", failure.Written);
    }

    /// <summary>Captured activities with other texts: file, text (bot mention included, as Teams sends it) → start (UTC or "" for now), minutes, attendee ids.</summary>
    public static TheoryData<string, string, string, string, int, string> Rewritten => new()
    {
        { "playground-captures", "to-bot-08-message-groupChat-with-mentions.json", "<at>TeamsMeetBot</at> meet tomorrow at 3pm with <at>Alice Anders</at> and <at>Bob Brown</at> about the release", "2026-11-27T15:00Z", 30, "29:alice-id,29:bob-id" },
        { "playground-captures", "to-bot-08-message-groupChat-with-mentions.json", "<at>TeamsMeetBot</at> <at>Alice Anders</at> <at>Bob Brown</at> meet now for 45 min", "", 45, "29:alice-id,29:bob-id" },
        { "playground-captures", "to-bot-08-message-groupChat-with-mentions.json", "<at>TeamsMeetBot</at>&nbsp;Meet in 20 minutes with <at>Bob Brown</at>.", "2026-11-26T22:19:55.117Z", 30, "29:bob-id" },
        { "playground-captures", "to-bot-13-message-channel-with-mentions.json", "<at>TeamsMeetBot</at> meet at 23:00 with <at>Alice Anders</at> for an hour", "2026-11-26T23:00Z", 60, "29:alice-id" },
        { "playground-captures", "to-bot-13-message-channel-with-mentions.json", "<at>TeamsMeetBot</at> start a meeting with <at>Alice Anders</at> from 9 to 10:30 tomorrow", "2026-11-27T09:00Z", 90, "29:alice-id" },
        { "playground-captures", "to-bot-03-message-personal-meet-now.json", "meet on Dec 3 at 14:00 for 1h30", "2026-12-03T14:00Z", 90, "" },
        { "teams-payloads", "channel-message-bot-mention.json", "<at>Chat SDK Demo</at> meet tomorrow at 9", "2026-02-17T17:00Z", 30, "" },
        { "teams-payloads", "channel-message-bot-mention.json", "<at>Chat SDK Demo</at> meet at 6pm for half an hour", "2026-02-17T02:00Z", 30, "" },
        { "teams-payloads", "channel-message-bot-mention.json", "<at>Chat SDK Demo</at> meet 3/1 at 10am", "2026-03-01T18:00Z", 30, "" },
        { "teams-payloads", "channel-message-bot-mention.json", "<at>Chat SDK Demo</at> meet on March 9 at 10am", "2026-03-09T17:00Z", 30, "" },
    };

    [Theory]
    [MemberData(nameof(Rewritten))]
    public void Captured_activities_with_scheduling_texts(string folder, string file, string text, string start, int minutes, string attendees)
    {
        var command = Expect<CreateMeetingCommand>(CommandParser.Parse(FromActivity(folder, file, text)));

        Assert.Equal(start.Length == 0 ? null : At(start), command.Start);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Equal(attendees, string.Join(",", command.Attendees.Select(a => a.Id)));
    }
}
