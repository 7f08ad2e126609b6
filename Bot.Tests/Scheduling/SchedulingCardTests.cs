using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Scheduling;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>The scheduling card end to end: offered when a time can't be read (or breaks a limit), submitted through HTTP, validated, idempotent.</summary>
public sealed class SchedulingCardTests : IAsyncLifetime
{
    private SchedulingWorld _world = null!;

    public async Task InitializeAsync() => _world = await SchedulingWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<(string CardId, JsonObject Card)> OfferAsync(string text = "meet on Friday with <at>Alice Anders</at> about the budget", string zone = "Europe/Berlin")
    {
        string id = await _world.SayAsync(text, zone);
        return _world.SingleCardReplyTo(id);
    }

    [Fact]
    public async Task An_unreadable_time_gets_a_prefilled_scheduling_card_and_no_Graph_request()
    {
        var (_, card) = await OfferAsync();

        Assert.Empty(await _world.GraphRequestsAsync());
        Assert.Equal("2026-03-06", (string?)SchedulingWorld.FindInput(card, SchedulingCard.DateInput)!["value"]);
        Assert.Null(SchedulingWorld.FindInput(card, SchedulingCard.TimeInput)!["value"]);
        Assert.Equal("the budget", (string?)SchedulingWorld.FindInput(card, SchedulingCard.SubjectInput)!["value"]);
        Assert.Equal("30", (string?)SchedulingWorld.FindInput(card, SchedulingCard.DurationInput)!["value"]);
        var action = card["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("Action.Submit", (string?)action["fallback"]!["type"]);
        Assert.Equal("Europe/Berlin", (string?)action["data"]![SchedulingCard.TimeZoneData]);
        Assert.Equal("29:alice-id", (string?)action["data"]![SchedulingCard.PeopleData]![0]!["id"]);
        Assert.Equal(PlaygroundTeam.OrganizerAad, (string?)action["data"]![SchedulingCard.RequesterData]);
    }

    [Fact]
    public async Task Submitting_the_card_creates_the_meeting_like_a_typed_command_and_replaces_the_card()
    {
        var (cardId, card) = await OfferAsync();

        var response = await _world.PressCreateAsync(cardId, SchedulingWorld.Submission(card, "2026-03-06", "10:00", "45"));

        var body = Assert.Single(await _world.CreateOrGetBodiesAsync());
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), SchedulingWorld.Instant(body["startDateTime"]));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 45, 0, TimeSpan.Zero), SchedulingWorld.Instant(body["endDateTime"]));
        Assert.Equal("the budget", (string?)body["subject"]);
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!], body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!));
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
        CardValidator.AssertValid(response["value"]!);
        Assert.Contains("Meeting created", response["value"]!.ToJsonString(), StringComparison.Ordinal);
        var update = Assert.Single(_world.Connector.UpdatedActivities);
        Assert.Equal(cardId, update.Activity.Id);
        Assert.Contains("Meeting created", update.Activity.Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
        var meetingCard = Assert.Single(_world.Connector.PostedActivities, p => p.Activity.Attachments?[0].Content?.ToJsonString().Contains("cancelMeeting", StringComparison.Ordinal) == true);
        CardValidator.AssertValid(meetingCard.Activity.Attachments![0].Content!);
    }

    [Fact]
    public async Task Pressing_create_twice_makes_one_meeting_and_one_meeting_card()
    {
        var (cardId, card) = await OfferAsync();
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");

        var responses = await Task.WhenAll(_world.PressCreateAsync(cardId, data), _world.PressCreateAsync(cardId, data));
        var third = await _world.PressCreateAsync(cardId, data);

        Assert.All(responses.Append(third), r => Assert.Contains("Meeting created", r["value"]!.ToJsonString(), StringComparison.Ordinal));
        var externalIds = (await _world.CreateOrGetBodiesAsync()).Select(b => (string?)b["externalId"]).Distinct().ToList();
        Assert.Single(externalIds);
        Assert.Single(_world.Connector.PostedActivities, p => p.Activity.Attachments?[0].Content?.ToJsonString().Contains("cancelMeeting", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_meeting_whose_card_post_failed_gets_it_from_the_next_press_once()
    {
        var (cardId, card) = await OfferAsync();
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");

        // The first press creates the meeting, but its card post is refused; the bot records that.
        _world.Connector.FailNext(1, IsMeetingCardPost, FakeResponse.Error(403, "Forbidden"));
        await _world.PressCreateAsync(cardId, data);
        Assert.DoesNotContain(_world.Connector.PostedActivities, IsMeetingCard);

        // Nobody is posting it any more: the next press repairs the card at once (no need to wait for the turn lease),
        // and later presses find it.
        await _world.PressCreateAsync(cardId, data);
        await _world.PressCreateAsync(cardId, data);
        Assert.Single(_world.Connector.PostedActivities, IsMeetingCard);
        Assert.Single((await _world.CreateOrGetBodiesAsync()).Select(b => (string?)b["externalId"]).Distinct());
    }

    private static bool IsMeetingCardPost(RecordedRequest r) => r.Method == "POST" && r.Body.Contains("cancelMeeting", StringComparison.Ordinal);

    private static bool IsMeetingCard(PostedActivity p) => p.Activity.Attachments?[0].Content?.ToJsonString().Contains("cancelMeeting", StringComparison.Ordinal) == true;

    public static TheoryData<string?, string?, string?, string> RejectedInputs => new()
    {
        { "2026-03-04", "09:00", "30", "already over" },
        { "2027-06-01", "09:00", "30", "more than a year ahead" },
        { "2026-02-30", "09:00", "30", "date isn't one I can read" },
        { "03/06/2026", "09:00", "30", "date isn't one I can read" },
        { "2026-03-06", "25:00", "30", "start time isn't one I can read" },
        { "2026-03-06", null, "30", "pick a start time" },
        { null, "10:00", "30", "pick a date" },
        { "2026-03-06", "10:00", "0", "between 1 minute and 24 hours" },
        { "2026-03-06", "10:00", "1441", "between 1 minute and 24 hours" },
        { "2026-03-06", "10:00", "-5", "between 1 minute and 24 hours" },
        { "2026-03-06", "10:00", "30.5", "between 1 minute and 24 hours" },
    };

    [Theory]
    [MemberData(nameof(RejectedInputs))]
    public async Task Impossible_or_malformed_values_are_explained_with_the_card_again_and_nothing_is_created(string? date, string? time, string? duration, string expected)
    {
        var (cardId, card) = await OfferAsync();

        var response = await _world.PressCreateAsync(cardId, SchedulingWorld.Submission(card, date, time, duration));

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
        CardValidator.AssertValid(response["value"]!);
        Assert.Contains(expected, SchedulingWorld.Texts(response["value"]), StringComparison.Ordinal);
        Assert.NotNull(SchedulingWorld.FindInput(response["value"], SchedulingCard.DateInput));
        Assert.Empty(await _world.GraphRequestsAsync());
        Assert.Empty(_world.Connector.UpdatedActivities);
    }

    public static TheoryData<string, string> DamagedData => new()
    {
        { SchedulingCard.TimeZoneData, "\"Mars/Olympus_Mons\"" },
        { SchedulingCard.PeopleData, "\"29:alice-id\"" },
        { SchedulingCard.PeopleData, "[{\"id\":\"\",\"name\":\" \"}]" },
        { SchedulingCard.PeopleData, "[{\"id\":\"29:alice id\",\"name\":\"x\"}]" },
        { SchedulingCard.PeopleData, "[" + string.Join(",", Enumerable.Range(0, 51).Select(i => "{\"id\":\"29:p" + i + "\",\"name\":\"p\"}")) + "]" },
        { SchedulingCard.RequesterData, "\"" + new string('a', 300) + "\"" },
        { SchedulingCard.LocationData, "\"" + new string('r', 101) + "\"" },
    };

    [Theory]
    [MemberData(nameof(DamagedData))]
    public async Task Tampered_card_data_is_refused_without_creating_anything(string field, string json)
    {
        var (cardId, card) = await OfferAsync();
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");
        data[field] = JsonNode.Parse(json);

        var response = await _world.PressCreateAsync(cardId, data);

        Assert.Equal(SchedulingCardHandler.DamagedCardMessage, (string?)response["value"]);
        Assert.Empty(await _world.GraphRequestsAsync());
    }

    [Fact]
    public async Task Someone_else_pressing_the_card_is_told_it_is_not_theirs()
    {
        var (cardId, card) = await OfferAsync();

        var response = await _world.PressCreateAsync(cardId, SchedulingWorld.Submission(card, "2026-03-06", "10:00"),
            invoke => TestActivities.SetFrom(invoke, "29:bob-id", "Bob Brown", PlaygroundTeam.Bob.AadObjectId));

        Assert.Equal(SchedulingCardHandler.NotYourCardMessage, (string?)response["value"]);
        Assert.Empty(await _world.GraphRequestsAsync());
    }

    [Fact]
    public async Task People_in_the_card_data_are_resolved_through_the_Connector_again_and_strangers_are_not_invited()
    {
        var (cardId, card) = await OfferAsync();
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");
        data[SchedulingCard.PeopleData]!.AsArray().Add(new JsonObject { ["id"] = "29:zed-id", ["name"] = "Zed Stranger", ["tag"] = false });

        await _world.PressCreateAsync(cardId, data);

        var body = Assert.Single(await _world.CreateOrGetBodiesAsync());
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!], body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!));
        Assert.Contains(_world.Connector.Requests, r => r.Method == "GET" && r.Path.EndsWith("/members/29:zed-id", StringComparison.Ordinal));
        var meetingCard = Assert.Single(_world.Connector.PostedActivities, p => p.Activity.Attachments?[0].Content?.ToJsonString().Contains("cancelMeeting", StringComparison.Ordinal) == true);
        Assert.Contains("Zed Stranger (not a member of this conversation)", meetingCard.Activity.Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_named_as_text_are_carried_through_the_card_and_looked_up_when_it_is_pressed()
    {
        var (cardId, card) = await OfferAsync("meet on Friday with bob and @carol about the budget");

        Assert.Contains("With @carol, bob", SchedulingWorld.Texts(card), StringComparison.Ordinal);
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");
        Assert.Equal(["", ""], data[SchedulingCard.PeopleData]!.AsArray().Select(e => (string)e!["id"]!));

        await _world.PressCreateAsync(cardId, data);

        var body = Assert.Single(await _world.CreateOrGetBodiesAsync());
        Assert.Equal([PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!],
            body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order());
    }

    [Fact]
    public async Task People_left_out_stay_left_out_through_the_card()
    {
        var (cardId, card) = await OfferAsync("meet on Friday with everyone except <at>Alice Anders</at> and @bob");

        Assert.Contains("With everyone in this conversation except Alice Anders, bob", card.ToJsonString(), StringComparison.Ordinal);
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");
        Assert.Equal(["29:alice-id", ""], data[SchedulingCard.ExcludedData]!.AsArray().Select(e => (string)e!["id"]!));

        await _world.PressCreateAsync(cardId, data);

        var body = Assert.Single(await _world.CreateOrGetBodiesAsync());
        Assert.Equal([PlaygroundTeam.Carol.AadObjectId!], body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!));
    }

    /// <summary>A place written with a request that needed the card ("meet on Friday in room 4") reaches the meeting's card; it was dropped on the way.</summary>
    [Fact]
    public async Task A_place_stays_through_the_card_to_the_meeting_card()
    {
        var (cardId, card) = await OfferAsync("meet on Friday in room 4 about the budget");

        CardValidator.AssertValid(card);
        Assert.Contains("Where: room 4 (not booked: add a room in Outlook or the Teams calendar)", card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        var data = SchedulingWorld.Submission(card, "2026-03-06", "10:00");
        Assert.Equal("room 4", (string?)data[SchedulingCard.LocationData]);

        await _world.PressCreateAsync(cardId, data);

        var posted = _world.Connector.PostedActivities[^1].Activity.Attachments!.Single().Content!.AsObject();
        Assert.Contains(posted["body"]!.AsArray(), e => ((string?)e!["text"])?.StartsWith("Where: room 4. I don't book rooms", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_Action_Submit_fallback_creates_the_meeting_and_updates_the_card_in_place()
    {
        var (cardId, card) = await OfferAsync();
        var value = SchedulingWorld.Submission(card, "2026-03-06", "10:00", "60");
        value["verb"] = SchedulingCard.CreateVerb;
        var message = TestActivities.GroupChat(_world.Connector.ServiceUrl, "");
        message.Remove("text");
        message["value"] = value;
        message["replyToId"] = cardId;

        using var response = await TestActivities.PostAsync(_world.Client, message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.Single(await _world.CreateOrGetBodiesAsync());
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), SchedulingWorld.Instant(body["startDateTime"]));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero), SchedulingWorld.Instant(body["endDateTime"]));
        var update = Assert.Single(_world.Connector.UpdatedActivities);
        Assert.Equal(cardId, update.Activity.Id);
        CardValidator.AssertValid(update.Activity.Attachments![0].Content!);
    }

    public static TheoryData<string, string, string?> LimitBreakers => new()
    {
        { "meet yesterday at 3pm with <at>Alice Anders</at>", "already over", "15:00" },
        { "meet today at 9am", "already over", "09:00" },
        { "meet tomorrow at 10 for 25 hours", "24 hours", "10:00" },
        { "meet tomorrow from 3pm to 2pm", "", "15:00" },
        { "meet on 3 Dec 2027 at 10:00", "year", "10:00" },
    };

    [Theory]
    [MemberData(nameof(LimitBreakers))]
    public async Task A_typed_time_that_breaks_a_limit_is_explained_and_the_card_is_offered_alongside(string text, string expected, string? time)
    {
        var (_, card) = await OfferAsync(text, "Europe/Berlin");

        Assert.Empty(await _world.GraphRequestsAsync());
        string json = SchedulingWorld.Texts(card);
        Assert.Contains("I couldn't set that meeting up", json, StringComparison.Ordinal);
        Assert.Contains(expected, json, StringComparison.Ordinal);
        Assert.Equal(time, (string?)SchedulingWorld.FindInput(card, SchedulingCard.TimeInput)!["value"]);
        var date = DateOnly.Parse((string)SchedulingWorld.FindInput(card, SchedulingCard.DateInput)!["value"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(date, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5));
    }
}
