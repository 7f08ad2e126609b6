using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.EndToEnd;

/// <summary>
/// "meet now" end to end in local mode: captured payloads → member lookups on the fake connector →
/// createOrGet on the simulated Graph → one valid card with a mention per attendee.
/// </summary>
public sealed class MeetNowTests : IAsyncLifetime
{
    private readonly BotHost _bot = new();
    private FakeConnector _connector = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        PlaygroundTeam.AddTo(_connector);
        _client = _bot.CreateLoopbackClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<IReadOnlyList<RecordedGraphRequest>> GraphRequestsAsync()
    {
        var json = await _client.GetStringAsync("/_local/graph/_requests");
        return System.Text.Json.JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!;
    }

    private async Task<JsonObject> SingleCreateOrGetAsync2(string organizer)
    {
        var create = Assert.Single(await GraphRequestsAsync(), r => r.Method == "POST" && r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal));
        Assert.Contains("/users/" + organizer + "/", create.Path, StringComparison.Ordinal);
        return create.Body!.AsObject();
    }

    private async Task<JsonObject> SingleCreateOrGetAsync()
    {
        var creates = (await GraphRequestsAsync()).Where(r => r.Method == "POST" && r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal)).ToList();
        var create = Assert.Single(creates);
        Assert.Contains("/users/" + PlaygroundTeam.OrganizerAad + "/", create.Path, StringComparison.Ordinal);
        return create.Body!.AsObject();
    }

    [Fact]
    public async Task Group_chat_meet_now_with_two_mentions_creates_the_meeting_and_posts_one_card()
    {
        var activity = TestActivities.Load("playground-captures", "to-bot-08-message-groupChat-with-mentions.json", _connector.ServiceUrl);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        Assert.Equal(PlaygroundTeam.OrganizerAad, (string)body["participants"]!["organizer"]!["identity"]!["user"]!["id"]!);
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order().ToList();
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Bob.AadObjectId!], attendees);
        Assert.Contains("alice@contoso.example", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Olivia Organizer's meeting", (string)body["subject"]!);
        var start = DateTimeOffset.Parse((string)body["startDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse((string)body["endDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - start, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.FromMinutes(30), end - start);

        var card = AssertOneMeetingCard();
        var mentioned = card["msteams"]!["entities"]!.AsArray().Select(e => (string)e!["mentioned"]!["id"]!).Order().ToList();
        Assert.Equal(["29:alice-id", "29:bob-id"], mentioned);
        Assert.Contains(card["actions"]!.AsArray(), a => (string)a!["type"]! == "Action.OpenUrl" && ((string)a["url"]!).StartsWith("https://teams.microsoft.com/", StringComparison.Ordinal));
        Assert.Contains(_connector.Requests, r => r.Method == "GET" && r.Path.EndsWith("/members/29:alice-id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Channel_command_with_subject_and_duration_posts_the_card_in_the_thread()
    {
        var activity = TestActivities.Load("playground-captures", "to-bot-13-message-channel-with-mentions.json", _connector.ServiceUrl);
        string text = (string)activity["text"]!;
        string mentions = string.Join(" ", activity["entities"]!.AsArray().Where(e => (string?)e!["type"] == "mention" && !((string)e["mentioned"]!["id"]!).StartsWith("28:", StringComparison.Ordinal)).Select(e => (string)e!["text"]!));
        activity["text"] = "<at>TeamsMeetBot</at> meet now with " + mentions + " about the DB failover for 45 min";

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        Assert.Equal("the DB failover", (string)body["subject"]!);
        var start = DateTimeOffset.Parse((string)body["startDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse((string)body["endDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(45), end - start);
        Assert.NotEmpty(body["participants"]!["attendees"]!.AsArray());
        var posted = Assert.Single(_connector.PostedActivities);
        Assert.Equal((string)activity["conversation"]!["id"]!, posted.ConversationId);
        Assert.False(string.IsNullOrEmpty(text));
        CardValidator.AssertValid(posted.Activity.Attachments![0].Content!);
    }

    [Fact]
    public async Task The_meeting_settings_are_applied_while_the_card_post_is_still_in_flight()
    {
        // The card post is held at the Connector until the settings PATCH has reached the simulated Graph: the turn
        // would deadlock (and the test time out) if the PATCH waited for the card.
        using var patchSeen = new ManualResetEventSlim();
        bool cardWasHeld = false;
        _connector.Respond(request =>
        {
            if (request.Method == "POST" && request.Path.Contains("/activities", StringComparison.Ordinal) && request.Body.Contains("AdaptiveCard", StringComparison.Ordinal))
            {
                cardWasHeld = true;
                for (var until = DateTime.UtcNow.AddSeconds(10); !patchSeen.IsSet && DateTime.UtcNow < until;)
                {
                    patchSeen.Wait(TimeSpan.FromMilliseconds(20));
                    if (PatchRecorded())
                    {
                        patchSeen.Set();
                    }
                }
            }

            return null;
        });
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at>");

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(cardWasHeld);
        Assert.True(patchSeen.IsSet, "the settings PATCH did not reach Graph while the card post was held");
        AssertOneMeetingCard();

        bool PatchRecorded()
        {
            using var probe = _bot.CreateLoopbackClient();
            string json = probe.GetStringAsync("/_local/graph/_requests").GetAwaiter().GetResult();
            return System.Text.Json.JsonSerializer.Deserialize(json, LocalGraphJsonContext.Default.IReadOnlyListRecordedGraphRequest)!
                .Any(r => r.Method == "PATCH" && r.Path.Contains("/onlineMeetings/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_same_activity_delivered_three_times_concurrently_makes_one_meeting_and_one_card()
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at>");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestActivities.PostAsync(_client, activity)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Task.Delay(300);
        await SingleCreateOrGetAsync();
        AssertOneMeetingCard();
    }

    [Fact]
    public async Task A_mention_that_is_not_a_member_is_reported_and_does_not_stop_the_meeting()
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> <at>Zed Stranger</at>");
        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>Zed Stranger</at>", ["mentioned"] = new JsonObject { ["id"] = "29:zed-id", ["name"] = "Zed Stranger" } });

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        Assert.Single(body["participants"]!["attendees"]!.AsArray());
        var card = AssertOneMeetingCard();
        Assert.Contains(card["body"]!.AsArray(), b => ((string?)b!["text"])?.Contains("Zed Stranger (not a member of this conversation)", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Meet_now_with_everyone_invites_every_member_with_an_Entra_account_across_roster_pages()
    {
        _connector.AddMember(new TeamsMeetBot.BotFramework.Schema.TeamsChannelAccount { Id = "29:guest-id", Name = "Gary Guest" });
        _connector.DefaultMembersPageSize = 2;
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with everyone");

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _connector.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/pagedmembers", StringComparison.Ordinal)));
        var body = await SingleCreateOrGetAsync();
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order().ToList();
        Assert.Equal([PlaygroundTeam.Alice.AadObjectId!, PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], attendees);
        var card = AssertOneMeetingCard();
        Assert.Contains(card["body"]!.AsArray(), b => ((string?)b!["text"])?.Contains("Gary Guest (has no Microsoft Entra account)", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("meet now with everyone except <at>Alice Anders</at>")]
    [InlineData("meet now with everyone but not @alice")]
    [InlineData("meet now with everyone without @Alice.Anders")]
    public async Task Meet_now_with_everyone_except_someone_never_invites_them(string command)
    {
        _connector.DefaultMembersPageSize = 2;
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> " + command);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order().ToList();
        Assert.Equal([PlaygroundTeam.Bob.AadObjectId!, PlaygroundTeam.Carol.AadObjectId!], attendees);
        var card = AssertOneMeetingCard();
        Assert.DoesNotContain("Alice", card.ToJsonString(), StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string> AttendeeLookupFailures => new()
    {
        // The roster refused for good: no retry helps, so the answer says what would work instead.
        { 403, "meet now with everyone", "I couldn't create the meeting: Teams didn't let me read who is in this conversation (HTTP 403). Mention the people instead" },
        // The Connector kept failing after the client's retries: worth another try later.
        { 503, "meet now with everyone", "I couldn't create the meeting: Teams had a problem when I tried to read who is in this conversation (HTTP 503). Please try again in a minute." },
        { 503, "meet now with <at>Alice Anders</at>", "I couldn't create the meeting: Teams had a problem when I tried to look up the people you mentioned (HTTP 503). Please try again in a minute." },
    };

    [Theory]
    [MemberData(nameof(AttendeeLookupFailures))]
    public async Task A_Connector_failure_looking_up_attendees_is_explained_and_no_meeting_is_created(int status, string command, string expected)
    {
        _connector.FailNext(100, r => r.Method == "GET" && r.Path.Contains("members", StringComparison.Ordinal), FakeResponse.Error(status, "Failed"));

        var reply = await TheOnlyReplyToAsync(command);

        Assert.DoesNotContain(await GraphRequestsAsync(), r => r.Method == "POST");
        Assert.StartsWith(expected, reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thanks!", "You're welcome!")]
    [InlineData("thank you for the meeting", "You're welcome!")]
    [InlineData("ok, got it", "👍")]
    [InlineData("never mind", "👍")]
    public async Task Thanks_and_acknowledgements_get_one_short_line_and_touch_nothing(string text, string expected)
    {
        var reply = await TheOnlyReplyToAsync(text);

        Assert.Empty(await GraphRequestsAsync());
        Assert.Equal(expected, reply.Text);
        Assert.Null(reply.Attachments);
    }

    [Fact]
    public async Task A_time_zone_question_is_answered_in_a_line()
    {
        var reply = await TheOnlyReplyToAsync("what's my time zone?");

        Assert.Contains("I read the times you write in", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Attachments);
    }

    /// <summary>
    /// What Teams' own controls do is answered with where it is done; the help card that answered before showed only
    /// "I didn't understand …", and the explanation was lost.
    /// </summary>
    [Theory]
    [InlineData("start recording", "I can't record, transcribe, mute people or share screens: those are in the meeting's own controls in Teams.")]
    [InlineData("end the meeting for everyone", "I can't end a meeting for everyone.")]
    [InlineData("we can close the bridge now", "I can't end a meeting for everyone.")]
    [InlineData("stand down the bridge", "I can't end a meeting for everyone.")]
    [InlineData("hang up on bob", "I can't take people out of a call or stop a ring.")]
    public Task What_the_meetings_own_controls_do_is_answered_in_a_line(string text, string answer) => AnsweredInALineWithoutGraphAsync(text, answer);

    /// <summary>
    /// What the bot does not do (free/busy, reminders of its own, undo) is answered with what it does instead; these got the
    /// help card with "Sorry, I didn't get …", and "when is alice free" listed the meetings.
    /// </summary>
    [Theory]
    [InlineData("is bob free at 3?", "I can't see anyone's calendar")]
    [InlineData("when is alice free", "I can't see anyone's calendar")]
    [InlineData("who is free now", "I can't see anyone's calendar")]
    [InlineData("find a time with bob tomorrow", "I can't see anyone's calendar")]
    [InlineData("meet when everyone is free", "I can't see anyone's calendar")]
    [InlineData("remind me at 3", "I don't set reminders of my own.")]
    [InlineData("set a reminder for 3pm", "I don't set reminders of my own.")]
    [InlineData("undo", "I can't undo a step.")]
    public Task What_the_bot_does_not_do_is_answered_in_a_line_with_what_it_does(string text, string answer) => AnsweredInALineWithoutGraphAsync(text, answer);

    [Theory]
    [InlineData("what time is it where you are")]
    [InlineData("what time is it where you are?")]
    public async Task A_clock_question_about_the_bots_place_gets_the_senders_time(string text)
    {
        var reply = await TheOnlyReplyToAsync(text);

        Assert.Matches(@"^It's \d\d:\d\d on ", reply.Text);
    }

    [Fact]
    public async Task A_clock_question_is_answered_in_a_line_without_Graph()
    {
        var reply = await TheOnlyReplyToAsync("what time is it?");

        Assert.Empty(await GraphRequestsAsync());
        Assert.Matches(@"^It's \d\d:\d\d on \w+day \d{1,2} \w+ \d{4} \(", reply.Text);
        Assert.Null(reply.Attachments);
    }

    /// <summary>Posts <paramref name="text"/> and checks the one reply is a line starting with <paramref name="answer"/>, with no card and no call to Graph.</summary>
    private async Task AnsweredInALineWithoutGraphAsync(string text, string answer)
    {
        var reply = await TheOnlyReplyToAsync(text);

        Assert.Empty(await GraphRequestsAsync());
        Assert.StartsWith(answer, reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Attachments);
    }

    /// <summary>Posts <paramref name="text"/> to the bot in the group chat, checks the channel got 200, and returns the one activity the bot posted.</summary>
    private async Task<Activity> TheOnlyReplyToAsync(string text)
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> " + text);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(_connector.PostedActivities).Activity;
    }

    private const string OpsGroupId = "bbbbbbbb-0000-0000-0000-000000000001";

    /// <summary>
    /// A team channel message from the shared payload whose team has the tag @oncall-db (Carol and Bob, in the simulated
    /// Graph); the tag's mention is marked as a tag or, as Teams sometimes sends it, not.
    /// </summary>
    private async Task<JsonObject> OncallDbTagInChannelAsync(string command, bool markedAsTag)
    {
        using (var set = await _client.PostAsync("/_local/graph/_behavior", new StringContent(
            """{"tags":{"oncall-db":[{"userId":"aaaaaaaa-0000-0000-0000-000000000003","displayName":"Carol Chen"},{"userId":"aaaaaaaa-0000-0000-0000-000000000002","displayName":"Bob Brown"}]}}""",
            System.Text.Encoding.UTF8, "application/json")))
        {
            set.EnsureSuccessStatusCode();
        }

        _connector.Respond(r => r.Method == "GET" && r.Path.StartsWith("/v3/teams/", StringComparison.Ordinal)
            ? FakeResponse.Json(200, $$"""{"id":"{{r.Segments[2]}}","name":"Ops","aadGroupId":"{{OpsGroupId}}"}""")
            : null);
        var activity = TestActivities.Load("teams-payloads", "channel-message-bot-mention.json", _connector.ServiceUrl, "<at>Chat SDK Demo</at> " + command);
        var mentioned = new JsonObject { ["id"] = "29:tag-oncall-db", ["name"] = "oncall-db" };
        if (markedAsTag)
        {
            mentioned["type"] = "tag";
        }

        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>oncall-db</at>", ["mentioned"] = mentioned });
        return activity;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // as Teams sometimes sends a tag mention: read as a person first, then found to be a tag
    public async Task Leaving_out_a_tag_leaves_out_its_members(bool markedAsTag)
    {
        var activity = await OncallDbTagInChannelAsync("meet now with everyone except <at>oncall-db</at>", markedAsTag);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync2("00000000-1111-2222-3333-444444444444");
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).ToList();
        Assert.Contains(PlaygroundTeam.Alice.AadObjectId!, attendees);
        Assert.DoesNotContain("aaaaaaaa-0000-0000-0000-000000000002", attendees);
        Assert.DoesNotContain("aaaaaaaa-0000-0000-0000-000000000003", attendees);
        Assert.Contains(await GraphRequestsAsync(), r => r.Path == $"/v1.0/teams/{OpsGroupId}/tags/oncall-db/members");
        Assert.DoesNotContain("oncall-db", AssertOneMeetingCard().ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancel_that_names_a_tag_cancels_the_meeting_its_members_were_invited_to(bool markedAsTag)
    {
        using (var failover = await TestActivities.PostAsync(_client, await OncallDbTagInChannelAsync("meet tomorrow at 10:00 with <at>oncall-db</at> about the failover", markedAsTag)))
        {
            Assert.Equal(HttpStatusCode.OK, failover.StatusCode);
        }

        var budget = await OncallDbTagInChannelAsync("meet tomorrow at 11:00 about the budget", markedAsTag);
        budget["entities"]!.AsArray().RemoveAt(budget["entities"]!.AsArray().Count - 1);
        using (var second = await TestActivities.PostAsync(_client, budget))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using var cancel = await TestActivities.PostAsync(_client, await OncallDbTagInChannelAsync("cancel the meeting with <at>oncall-db</at>", markedAsTag));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var requests = await GraphRequestsAsync();
        var created = requests.Where(r => r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, created.Count);
        Assert.Single(requests, r => r.Method == "DELETE");
        Assert.Contains(_connector.PostedActivities, p => p.Activity.Text == "Cancelled \"the failover\".");
    }

    /// <summary>"remove @oncall-db" said the tag was "not invited": its invited members are taken off, and the tag no longer names the meeting.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Taking_a_tag_off_the_invite_takes_off_its_members(bool markedAsTag)
    {
        using (var failover = await TestActivities.PostAsync(_client, await OncallDbTagInChannelAsync("meet tomorrow at 10:00 with <at>oncall-db</at> about the failover", markedAsTag)))
        {
            Assert.Equal(HttpStatusCode.OK, failover.StatusCode);
        }

        using var remove = await TestActivities.PostAsync(_client, await OncallDbTagInChannelAsync("remove <at>oncall-db</at> from the failover", markedAsTag));

        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        var patch = Assert.Single(await GraphRequestsAsync(), r => r.Method == "PATCH" && r.Body?["participants"] is not null);
        Assert.Empty(patch.Body!["participants"]!["attendees"]!.AsArray());
        Assert.Contains(_connector.PostedActivities, p => p.Activity.Text == "Took Bob Brown, Carol Chen off the invite to \"the failover\". The card above shows who is invited.");
        Assert.DoesNotContain(await GraphRequestsAsync(), r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Leaving_out_a_mention_that_is_neither_a_member_nor_a_tag_changes_nothing_and_is_not_reported()
    {
        var activity = await OncallDbTagInChannelAsync("meet now with everyone except <at>former-team</at>", markedAsTag: false);
        var mention = activity["entities"]!.AsArray().Last()!;
        mention["text"] = "<at>former-team</at>";
        mention["mentioned"]!["id"] = "29:former-team";
        mention["mentioned"]!["name"] = "former-team";

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync2("00000000-1111-2222-3333-444444444444");
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).ToList();
        Assert.Contains(PlaygroundTeam.Alice.AadObjectId!, attendees);
        Assert.DoesNotContain("former-team", AssertOneMeetingCard().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_mention_in_a_team_channel_expands_to_the_tags_members()
    {
        var activity = await OncallDbTagInChannelAsync("meet now with <at>oncall-db</at> about the failover", markedAsTag: false);

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync2("00000000-1111-2222-3333-444444444444");
        var attendees = body["participants"]!["attendees"]!.AsArray().Select(a => (string)a!["identity"]!["user"]!["id"]!).Order().ToList();
        Assert.Equal(["aaaaaaaa-0000-0000-0000-000000000002", "aaaaaaaa-0000-0000-0000-000000000003"], attendees);
        Assert.Contains(await GraphRequestsAsync(), r => r.Path == $"/v1.0/teams/{OpsGroupId}/tags/oncall-db/members");
        var card = AssertOneMeetingCard();
        Assert.Equal(2, card["msteams"]!["entities"]!.AsArray().Count);
    }

    public static TheoryData<string, int, string> GraphFailures => new()
    {
        { """{"mode":"NoApplicationAccessPolicy"}""", 403, "Grant-CsApplicationAccessPolicy" },
        { """{"mode":"UserNotFound"}""", 404, "licence" },
        { """{"mode":"ServerError","serverErrorStatusCode":500}""", 500, "try again in a minute" },
        { """{"mode":"Throttle","throttleCount":10,"throttleRetryAfterSeconds":0}""", 429, "asked me to slow down" },
    };

    [Theory]
    [MemberData(nameof(GraphFailures))]
    public async Task Each_Graph_failure_gets_its_own_answer_and_never_a_500(string behavior, int status, string expected)
    {
        using (var set = await _client.PostAsync("/_local/graph/_behavior", new StringContent(behavior, System.Text.Encoding.UTF8, "application/json")))
        {
            set.EnsureSuccessStatusCode();
        }

        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at>");
        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.PostedActivities);
        Assert.Contains(expected, reply.Activity.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(reply.Activity.Attachments);
        Assert.Contains(await GraphRequestsAsync(), r => r.Path.EndsWith("/createOrGet", StringComparison.Ordinal));
        Assert.True(status > 0);
    }

    [Fact]
    public async Task Organizer_cancels_with_the_card_button_the_meeting_is_deleted_and_the_card_updated_in_place()
    {
        var (cardId, meetingKey) = await CreateMeetingAsync();

        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "cancelMeeting", new JsonObject { ["meetingKey"] = meetingKey }, cardId);
        var envelope = await TestActivities.PostInvokeAsync(_client, invoke);

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)envelope["type"]!);
        CardValidator.AssertValid(envelope["value"]!);
        Assert.Contains("Cancelled", envelope["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(await GraphRequestsAsync(), r => r.Method == "DELETE");
        var update = Assert.Single(_connector.UpdatedActivities);
        Assert.Equal(cardId, update.Activity.Id);
        CardValidator.AssertValid(update.Activity.Attachments![0].Content!);
    }

    [Fact]
    public async Task Someone_else_pressing_cancel_is_told_politely_and_nothing_is_deleted()
    {
        var (cardId, meetingKey) = await CreateMeetingAsync();

        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "cancelMeeting", new JsonObject { ["meetingKey"] = meetingKey }, cardId);
        TestActivities.SetFrom(invoke, "29:alice-id", "Alice Anders", PlaygroundTeam.Alice.AadObjectId);
        var envelope = await TestActivities.PostInvokeAsync(_client, invoke);

        Assert.Contains("Only Olivia Organizer", (string)envelope["value"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(await GraphRequestsAsync(), r => r.Method == "DELETE");
        Assert.Empty(_connector.UpdatedActivities);
    }

    [Fact]
    public async Task A_cancel_button_replayed_from_another_conversation_is_refused()
    {
        var (cardId, meetingKey) = await CreateMeetingAsync();

        var invoke = TestActivities.Invoke(_connector.ServiceUrl, "cancelMeeting", new JsonObject { ["meetingKey"] = meetingKey }, cardId);
        invoke["conversation"]!["id"] = "19:some-other-chat@thread.v2";
        var envelope = await TestActivities.PostInvokeAsync(_client, invoke);

        Assert.Contains("can't find that meeting", (string)envelope["value"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(await GraphRequestsAsync(), r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Typed_cancel_cancels_the_senders_latest_meeting()
    {
        await CreateMeetingAsync();

        using var response = await TestActivities.PostAsync(_client, TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> cancel"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await GraphRequestsAsync(), r => r.Method == "DELETE");
        Assert.Single(_connector.UpdatedActivities);
        Assert.Contains(_connector.PostedActivities, p => p.Activity.Text?.StartsWith("Cancelled", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Scheduled_meeting_uses_the_senders_time_zone()
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet tomorrow at 3pm for 45 min with <at>Bob Brown</at> about the release");
        TestActivities.SetTimeZone(activity, "America/Los_Angeles");

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        var expected = TomorrowAt("America/Los_Angeles", 15);
        Assert.Equal(expected, DateTimeOffset.Parse((string)body["startDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.AddMinutes(45), DateTimeOffset.Parse((string)body["endDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("the release", (string)body["subject"]!);
        var card = AssertOneMeetingCard();
        Assert.Contains("{{DATE(" + expected.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_written_after_the_time_wins_over_the_senders_zone()
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet tomorrow at 9am Europe/London about the handover");
        TestActivities.SetTimeZone(activity, "America/Los_Angeles");

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SingleCreateOrGetAsync();
        var expected = TomorrowAt("Europe/London", 9);
        Assert.Equal(expected, DateTimeOffset.Parse((string)body["startDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("the handover", (string)body["subject"]!);
        AssertOneMeetingCard();
    }

    [Fact]
    public async Task A_time_in_the_past_is_explained_and_no_Graph_request_is_made()
    {
        var activity = TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet yesterday at 3pm");

        using var response = await TestActivities.PostAsync(_client, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await GraphRequestsAsync());
        var reply = Assert.Single(_connector.PostedActivities);
        Assert.False(string.IsNullOrWhiteSpace(reply.Activity.Text ?? reply.Activity.Attachments?[0].Content?.ToJsonString()));
    }

    private async Task<(string CardId, string MeetingKey)> CreateMeetingAsync()
    {
        using var response = await TestActivities.PostAsync(_client, TestActivities.GroupChat(_connector.ServiceUrl, "<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at>"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.Single(_connector.PostedActivities);
        var card = posted.Activity.Attachments![0].Content!;
        var cancel = card["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "cancelMeeting");
        return (posted.ActivityId, (string)cancel!["data"]!["meetingKey"]!);
    }

    /// <summary>Tomorrow at <paramref name="hour"/>:00 in <paramref name="zoneId"/> (tomorrow there), in UTC.</summary>
    private static DateTimeOffset TomorrowAt(string zoneId, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(1).AddHours(hour);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private JsonObject AssertOneMeetingCard()
    {
        var posted = Assert.Single(_connector.PostedActivities);
        Assert.Null(posted.Activity.Text);
        var attachment = Assert.Single(posted.Activity.Attachments!);
        var card = attachment.Content!.AsObject();
        CardValidator.AssertValid(card);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024);
        return card;
    }
}
