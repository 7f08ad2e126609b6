using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Bench;

/// <summary><see cref="MeetingCard.Build"/> with 2 and 50 attendees and <see cref="HelpCard.Build"/>; build only, and build + serialize (what is posted).</summary>
[MemoryDiagnoser]
public class CardBuildingBenchmarks
{
    private MeetingRecord twoAttendees = null!;
    private MeetingRecord fiftyAttendees = null!;
    private bool inGroup;

    [GlobalSetup]
    public void Setup()
    {
        twoAttendees = Meeting(2);
        fiftyAttendees = Meeting(50);
        inGroup = true;
    }

    [Benchmark(Description = "MeetingCard.Build, 2 attendees")]
    public JsonObject MeetingCardTwo() => MeetingCard.Build(twoAttendees);

    [Benchmark(Description = "MeetingCard.Build, 50 attendees")]
    public JsonObject MeetingCardFifty() => MeetingCard.Build(fiftyAttendees);

    [Benchmark(Description = "HelpCard.Build (group)")]
    public JsonObject Help() => HelpCard.Build(isGroup: inGroup);

    [Benchmark(Description = "MeetingCard.Build + ToJsonString, 2 attendees")]
    public string MeetingCardTwoSerialized() => MeetingCard.Build(twoAttendees).ToJsonString();

    [Benchmark(Description = "HelpCard.Build + ToJsonString")]
    public string HelpSerialized() => HelpCard.Build(isGroup: inGroup).ToJsonString();

    private static MeetingRecord Meeting(int attendeeCount)
    {
        var start = new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero);
        var attendees = Enumerable.Range(1, attendeeCount)
            .Select(i => new MeetingPerson(
                "29:attendee-" + i.ToString(CultureInfo.InvariantCulture),
                "Attendee Number " + i.ToString(CultureInfo.InvariantCulture),
                Guid.NewGuid().ToString(),
                "attendee" + i.ToString(CultureInfo.InvariantCulture) + "@contoso.example"))
            .ToList();
        return new MeetingRecord
        {
            Key = "meeting-key-0001",
            TenantId = BenchActivities.TenantId,
            Conversation = new ConversationReference
            {
                ServiceUrl = BenchActivities.ServiceUrl,
                ConversationId = "19:groupchat-meet@thread.v2",
                ConversationType = "groupChat",
                TenantId = BenchActivities.TenantId,
                BotId = "28:00000000-0000-0000-0000-00000000b0t1",
                BotName = "TeamsMeetBot",
            },
            SourceActivityId = "f8d9ac4f-d33c-4a01-9ff3-365de84af1f3",
            Organizer = new MeetingPerson("29:organizer-id", "Olivia Organizer", "aaaaaaaa-0000-0000-0000-000000000000", "olivia@contoso.example"),
            Subject = "The release",
            StartUtc = start,
            EndUtc = start.AddMinutes(30),
            TimeZoneId = "Europe/Berlin",
            GraphMeetingId = "MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ",
            JoinWebUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0NmQ3NTctZDVkZC00YzRhLThmNmEtOGQ3M2E2ODc4ZDRk%40thread.v2/0",
            JoinMeetingId = "1234567890",
            Passcode = "aBcDeF",
            DialInNumber = "+1 555-0100",
            ConferenceId = "987654321",
            Attendees = attendees,
            NotInvited = [new NotInvited("@zed", "typed as text: pick people from the @ list so Teams knows who they are")],
            CreatedAt = start,
        };
    }
}
