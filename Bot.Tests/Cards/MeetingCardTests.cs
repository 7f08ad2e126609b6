using System.Text;
using System.Text.Json.Nodes;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Cards;

public class MeetingCardTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

    private static MeetingRecord Meeting(int attendees, bool scheduled = true, MeetingStatus status = MeetingStatus.Active) => new()
    {
        Key = new string('a', 64),
        TenantId = PlaygroundTeam.TenantId,
        Conversation = new ConversationReference { ConversationId = "19:chat@thread.v2", ServiceUrl = "https://smba.trafficmanager.net/amer/", TenantId = PlaygroundTeam.TenantId, BotId = "28:bot" },
        SourceActivityId = "a1",
        Organizer = new MeetingPerson("29:organizer-id", "Olivia Organizer", PlaygroundTeam.OrganizerAad, null),
        Subject = "DB *failover* [runbook](https://evil.example) <at>Eve</at>",
        StartUtc = Start,
        EndUtc = Start.AddMinutes(45),
        IsScheduled = scheduled,
        GraphMeetingId = "m1",
        JoinWebUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
        JoinMeetingId = "123456789012",
        Passcode = "aB3dE",
        DialInNumber = "+1 425-555-0100",
        ConferenceId = "98765432",
        Attendees = [.. Enumerable.Range(0, attendees).Select(i => new MeetingPerson($"29:user-{i:D2}-{new string('x', 60)}", $"Attendee Number {i:D2} & Co", Guid.NewGuid().ToString(), $"user{i}@contoso.example"))],
        NotInvited = [new NotInvited("@alice", "typed as text")],
        Status = status,
        CancelledBy = status == MeetingStatus.Cancelled ? "Olivia Organizer" : null,
    };

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, false)]
    [InlineData(50, true)]
    public void Meeting_card_is_valid_and_under_28_KB_with_up_to_50_attendees(int attendees, bool scheduled)
    {
        var card = MeetingCard.Build(Meeting(attendees, scheduled));

        CardValidator.AssertValid(card);
        Assert.True(Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024, $"{Encoding.UTF8.GetByteCount(card.ToJsonString())} bytes");
        Assert.Equal(attendees, card["msteams"]?["entities"]?.AsArray().Count ?? 0);
    }

    /// <summary>"what's the dial-in?" (it got "Sorry, I didn't get …"): the list shows how to join each meeting by phone.</summary>
    [Fact]
    public void The_list_asked_for_the_dial_in_shows_each_meetings_phone_details_or_says_there_are_none()
    {
        var withPhone = Meeting(2);
        var withoutPhone = Meeting(1) with { Key = new string('b', 64), Subject = "no audio conferencing", DialInNumber = null, TollFreeNumber = null, ConferenceId = null };

        var card = MeetingListCard.Build("Meetings here still to come", [withPhone, withoutPhone], withCount: true, withDialIn: true);
        var plain = MeetingListCard.Build("Meetings here still to come", [withPhone, withoutPhone], withCount: true);

        CardValidator.AssertValid(card);
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        string json = card.ToJsonString(relaxed);
        Assert.Contains("+1 425-555-0100", json, StringComparison.Ordinal);
        Assert.Contains("98765432#", json, StringComparison.Ordinal);
        Assert.Contains("123 456 789 012", json, StringComparison.Ordinal);
        Assert.Contains("No dial-in number", json, StringComparison.Ordinal);
        Assert.DoesNotContain("+1 425-555-0100", plain.ToJsonString(relaxed), StringComparison.Ordinal);
    }

    [Fact]
    public void Times_are_rendered_with_the_card_date_and_time_functions_in_utc()
    {
        string json = MeetingCard.Build(Meeting(1)).ToJsonString();
        Assert.Contains("{{DATE(2026-11-27T23:00:00Z, LONG)}}", json, StringComparison.Ordinal);
        Assert.Contains("{{TIME(2026-11-27T23:45:00Z)}}", json, StringComparison.Ordinal);
    }

    /// <summary>A long meeting's length in hours and minutes ("meet now until 11pm" read "(527 min)").</summary>
    [Theory]
    [InlineData(45, false, "Now, until {{TIME(2026-11-27T23:45:00Z)}} (45 min)")]
    [InlineData(60, true, "– {{TIME(2026-11-28T00:00:00Z)}} (1 h)")]
    [InlineData(527, false, "Now, until {{TIME(2026-11-28T07:47:00Z)}} (8 h 47 min)")]
    public void The_length_is_in_hours_and_minutes(int minutes, bool scheduled, string expected)
    {
        string when = MeetingCard.When(Meeting(1, scheduled) with { EndUtc = Start.AddMinutes(minutes) });

        Assert.EndsWith(expected, when, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_from_the_user_cannot_inject_markdown_links_or_mentions()
    {
        var card = MeetingCard.Build(Meeting(0));
        string title = (string)card["body"]![0]!["text"]!;
        Assert.DoesNotContain("[runbook](", title, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_details_and_the_cancel_button_are_on_an_active_card()
    {
        var card = MeetingCard.Build(Meeting(1));
        string json = card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("123 456 789 012", json, StringComparison.Ordinal);
        Assert.Contains("+1 425-555-0100", json, StringComparison.Ordinal);
        Assert.Contains(card["actions"]!.AsArray(), a => (string?)a!["verb"] == MeetingCard.CancelVerb && (string?)a["data"]!["meetingKey"] == new string('a', 64));
        var cancel = card["actions"]!.AsArray().First(a => (string?)a!["verb"] == MeetingCard.CancelVerb)!;
        Assert.Equal("Action.Submit", (string)cancel["fallback"]!["type"]!);
        Assert.Equal(MeetingCard.CancelVerb, (string)cancel["fallback"]!["data"]!["verb"]!);
    }

    /// <summary>A place written with the request is shown, with word that no room was booked (it was refused as "not a time", or became the subject).</summary>
    [Fact]
    public void A_place_is_shown_with_word_that_no_room_was_booked()
    {
        var card = MeetingCard.Build(Meeting(1) with { Location = "conf room [B](https://evil.example)" });

        CardValidator.AssertValid(card);
        var lines = card["body"]!.AsArray().Select(e => (string?)e!["text"]).ToList();
        string where = Assert.Single(lines, l => l?.StartsWith("Where: ", StringComparison.Ordinal) == true)!;
        Assert.DoesNotContain("](", where, StringComparison.Ordinal);
        Assert.EndsWith("I don't book rooms: add one in Outlook or the Teams calendar; the join link works for everyone else.", where, StringComparison.Ordinal);
        Assert.DoesNotContain(MeetingCard.Build(Meeting(1))["body"]!.AsArray(), e => ((string?)e!["text"])?.StartsWith("Where: ", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(MeetingCard.Build(Meeting(1, status: MeetingStatus.Cancelled) with { Location = "room 4" })["body"]!.AsArray(),
            e => ((string?)e!["text"])?.StartsWith("Where: ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Cancelled_card_has_no_join_button_and_says_who_cancelled()
    {
        var card = MeetingCard.Build(Meeting(2, status: MeetingStatus.Cancelled));
        CardValidator.AssertValid(card);
        Assert.DoesNotContain(card["actions"]?.AsArray() ?? [], a => (string?)a!["type"] == "Action.OpenUrl");
        Assert.Contains("Cancelled by Olivia Organizer", card.ToJsonString(), StringComparison.Ordinal);
    }
}
