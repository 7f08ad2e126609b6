using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.OnlineMeetings.CreateOrGet;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The onlineMeetings surface driven by the real Graph SDK and by raw HTTP where status codes matter.</summary>
public sealed partial class SimulatedOnlineMeetingTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";
    private const string OtherOrganizer = "1f35f2e6-9cab-44ad-8d5a-b74c14720000";

    [Fact]
    public async Task CreateOrGet_SameOrganizerAndExternalId_ReturnsTheExistingMeetingUnchanged()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var graph = host.CreateGraphClient();

        var first = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("ext-1", "First subject"));
        var second = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("ext-1", "Changed subject"));

        Assert.NotNull(first?.Id);
        Assert.Equal(first.Id, second?.Id);
        Assert.Equal("First subject", second!.Subject);
        Assert.Equal(first.JoinWebUrl, second.JoinWebUrl);
        Assert.Equal("ext-1", second.ExternalId);
    }

    [Fact]
    public async Task CreateOrGet_Answers201ForNewAnd200ForExisting()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        const string body = """{"externalId":"ext-status","subject":"S"}""";

        var (created, createdBody, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", body);
        var (existing, existingBody, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", body);

        Assert.Equal(201, created);
        Assert.Equal(200, existing);
        Assert.Equal(createdBody!["id"]!.GetValue<string>(), existingBody!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateOrGet_OtherOrganizerSameExternalId_CreatesAnotherMeeting()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var graph = host.CreateGraphClient();

        var mine = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("shared-ext", "Mine"));
        var theirs = await graph.Users[OtherOrganizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("shared-ext", "Theirs"));

        Assert.NotEqual(mine!.Id, theirs!.Id);
        Assert.Equal("Theirs", theirs.Subject);
        Assert.Equal(OtherOrganizer, theirs.Participants!.Organizer!.Identity!.User!.Id);
    }

    public static TheoryData<string, string, string> DefaultTimes => new()
    {
        // body times → expected start, expected end (the fake clock is 2026-11-26T21:00:00Z)
        { "", "2026-11-26T21:00:00.0000000Z", "2026-11-26T22:00:00.0000000Z" },
        { "\"startDateTime\":\"2026-12-01T15:00:00-08:00\",", "2026-12-01T23:00:00.0000000Z", "2026-12-02T00:00:00.0000000Z" },
        { "\"startDateTime\":\"2026-12-01T10:00:00Z\",\"endDateTime\":\"2026-12-01T10:30:00+00:00\",", "2026-12-01T10:00:00.0000000Z", "2026-12-01T10:30:00.0000000Z" },
    };

    [Theory]
    [MemberData(nameof(DefaultTimes))]
    public async Task CreateOrGet_FillsMissingTimesAndAnswersInUtc(string times, string expectedStart, string expectedEnd)
    {
        await using var host = await LocalGraphTestHost.StartAsync();

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", "{" + times + "\"externalId\":\"t\"}");

        Assert.Equal(201, status);
        Assert.Equal(expectedStart, body!["startDateTime"]!.GetValue<string>());
        Assert.Equal(expectedEnd, body["endDateTime"]!.GetValue<string>());
        Assert.Equal("2026-11-26T21:00:00.0000000Z", body["creationDateTime"]!.GetValue<string>());
    }

    public static TheoryData<string, string> InvalidTimes => new()
    {
        { """{"externalId":"t","endDateTime":"2026-12-01T10:00:00Z"}""", "without startDateTime" },
        { """{"externalId":"t","startDateTime":"2026-12-01T10:00:00Z","endDateTime":"2026-12-01T09:00:00Z"}""", "before startDateTime" },
        { """{"subject":"no external id"}""", "externalId" },
    };

    [Theory]
    [MemberData(nameof(InvalidTimes))]
    public async Task CreateOrGet_InvalidParameters_Answers400(string json, string expectedInMessage)
    {
        await using var host = await LocalGraphTestHost.StartAsync();

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", json);

        Assert.Equal(400, status);
        Assert.Equal("BadRequest", body!["error"]!["code"]!.GetValue<string>());
        Assert.Contains(expectedInMessage, body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CreatesMeetingShapedLikeGraph()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47" });
        var graph = host.CreateGraphClient();

        var meeting = await graph.Users[Organizer].OnlineMeetings.PostAsync(new OnlineMeeting
        {
            Subject = "Standup",
            StartDateTime = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(1)),
            EndDateTime = new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.FromHours(1)),
            AllowedPresenters = OnlineMeetingPresenters.Organizer,
            JoinMeetingIdSettings = new JoinMeetingIdSettings { IsPasscodeRequired = true },
            Participants = new MeetingParticipants
            {
                Attendees = [new MeetingParticipantInfo { Upn = "bob@contoso.com", Role = OnlineMeetingRole.Attendee, Identity = new IdentitySet { User = new Identity { Id = OtherOrganizer } } }],
            },
        });

        Assert.NotNull(meeting);
        Assert.Equal("Standup", meeting.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), meeting.StartDateTime);
        Assert.Equal(OnlineMeetingPresenters.Organizer, meeting.AllowedPresenters);
        Assert.Matches(ThreadIdPattern(), meeting.ChatInfo!.ThreadId);
        Assert.Equal("0", meeting.ChatInfo.MessageId);
        string thread = meeting.ChatInfo.ThreadId!.Replace(":", "%3a", StringComparison.Ordinal).Replace("@", "%40", StringComparison.Ordinal);
        Assert.StartsWith($"https://teams.microsoft.com/l/meetup-join/{thread}/0?context=", meeting.JoinWebUrl, StringComparison.Ordinal);
        Assert.Contains("72f988bf-86f1-41af-91ab-2d7cd011db47", Uri.UnescapeDataString(meeting.JoinWebUrl!), StringComparison.Ordinal);
        Assert.Contains(Organizer, Uri.UnescapeDataString(meeting.JoinWebUrl!), StringComparison.Ordinal);
        Assert.Matches(TwelveOrMoreDigits(), meeting.JoinMeetingIdSettings!.JoinMeetingId);
        Assert.True(meeting.JoinMeetingIdSettings.IsPasscodeRequired);
        Assert.False(string.IsNullOrEmpty(meeting.JoinMeetingIdSettings.Passcode));
        Assert.False(string.IsNullOrEmpty(meeting.AudioConferencing!.ConferenceId));
        Assert.NotEmpty(meeting.AudioConferencing.TollNumbers!);
        Assert.StartsWith("https://dialin.teams.microsoft.com/", meeting.AudioConferencing.DialinUrl, StringComparison.Ordinal);
        Assert.Equal(Organizer, meeting.Participants!.Organizer!.Identity!.User!.Id);
        var attendee = Assert.Single(meeting.Participants.Attendees!);
        Assert.Equal("bob@contoso.com", attendee.Upn);
        Assert.NotNull(meeting.LobbyBypassSettings);
        Assert.Null(meeting.ExternalId);
    }

    [Fact]
    public async Task Responses_ValidateAgainstTheOpenSchema_WithGraphDateFormat()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var (_, created, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet",
            SharedData.ReadText("graph-payloads", "onlineMeeting-createOrGet-request.json"));
        string id = created!["id"]!.GetValue<string>();
        var (_, fetched, _) = await host.SendAsync(HttpMethod.Get, $"/users/{Organizer}/onlineMeetings/{id}");
        var (_, patched, _) = await host.SendAsync(HttpMethod.Patch, $"/users/{Organizer}/onlineMeetings/{id}", """{"allowMeetingChat":"Disabled"}""");

        foreach (var document in new[] { created, fetched!, patched! })
        {
            Assert.Null(host.Validator.Validate(document, GraphSchemaDefinitions.OnlineMeeting, GraphSchemaKind.Open));
            foreach (string property in new[] { "id", "creationDateTime", "startDateTime", "endDateTime", "joinUrl", "joinWebUrl", "subject", "externalId", "chatInfo", "participants", "joinMeetingIdSettings", "audioConferencing", "lobbyBypassSettings", "allowedPresenters", "isEntryExitAnnounced" })
            {
                Assert.True(document.AsObject().ContainsKey(property), $"response lacks {property}");
            }

            foreach (string property in new[] { "creationDateTime", "startDateTime", "endDateTime" })
            {
                string value = document[property]!.GetValue<string>();
                Assert.EndsWith("Z", value, StringComparison.Ordinal);
                Assert.True(DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));
            }

            foreach (string property in new[] { "conferenceId", "tollNumber", "tollNumbers", "tollFreeNumbers", "dialinUrl" })
            {
                Assert.NotNull(document["audioConferencing"]![property]);
            }
        }

        Assert.Equal("disabled", patched!["allowMeetingChat"]!.GetValue<string>());
        Assert.Equal("test1@contoso.com", created["participants"]!["attendees"]![0]!["upn"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPatchDelete_ThroughTheSdk()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var graph = host.CreateGraphClient();
        var created = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("crud", "Before"));

        var fetched = await graph.Users[Organizer].OnlineMeetings[created!.Id].GetAsync();
        var patched = await graph.Users[Organizer].OnlineMeetings[created.Id].PatchAsync(new OnlineMeeting
        {
            Subject = "After",
            LobbyBypassSettings = new LobbyBypassSettings { Scope = LobbyBypassScope.Everyone },
            IsEntryExitAnnounced = false,
        });
        var refetched = await graph.Users[Organizer].OnlineMeetings[created.Id].GetAsync();
        await graph.Users[Organizer].OnlineMeetings[created.Id].DeleteAsync();
        var afterDelete = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Organizer].OnlineMeetings[created.Id].GetAsync());

        Assert.Equal("Before", fetched!.Subject);
        Assert.Equal("After", patched!.Subject);
        Assert.Equal(LobbyBypassScope.Everyone, refetched!.LobbyBypassSettings!.Scope);
        Assert.False(refetched.LobbyBypassSettings.IsDialInBypassEnabled);
        Assert.False(refetched.IsEntryExitAnnounced);
        Assert.Equal(created.StartDateTime, refetched.StartDateTime);
        Assert.Equal(created.JoinWebUrl, refetched.JoinWebUrl);
        Assert.Equal(404, afterDelete.ResponseStatusCode);
        Assert.Equal("NotFound", afterDelete.Error!.Code);
    }

    [Fact]
    public async Task Delete_ForgetsTheExternalId_SoCreateOrGetMakesANewMeeting()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var graph = host.CreateGraphClient();
        var first = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("recreate", "S"));
        await graph.Users[Organizer].OnlineMeetings[first!.Id].DeleteAsync();

        var second = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(CreateOrGetBody("recreate", "S"));

        Assert.NotEqual(first.Id, second!.Id);
    }

    public static TheoryData<string, string> NotFoundRequests => new()
    {
        { "GET", "unknown" },
        { "PATCH", "unknown" },
        { "DELETE", "unknown" },
        { "GET", "other-organizer" },
        { "PATCH", "other-organizer" },
        { "DELETE", "other-organizer" },
    };

    [Theory]
    [MemberData(nameof(NotFoundRequests))]
    public async Task UnknownMeetingOrAnotherOrganizersMeeting_Answers404(string method, string which)
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var (_, created, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"nf"}""");
        string id = which == "unknown" ? "MSpub3RhbWVldGluZw" : created!["id"]!.GetValue<string>();
        string user = which == "unknown" ? Organizer : OtherOrganizer;

        var (status, body, _) = await host.SendAsync(new HttpMethod(method), $"/users/{user}/onlineMeetings/{id}", method == "PATCH" ? """{"subject":"x"}""" : null);

        Assert.Equal(404, status);
        Assert.Equal("NotFound", body!["error"]!["code"]!.GetValue<string>());
        Assert.NotNull(body["error"]!["innerError"]!["request-id"]);
        var (stillThere, _, _) = await host.SendAsync(HttpMethod.Get, $"/users/{Organizer}/onlineMeetings/{created!["id"]!.GetValue<string>()}");
        Assert.Equal(200, stillThere);
    }

    public static TheoryData<string, string> InvalidPatches => new()
    {
        { """{"startDateTime":"2026-12-01T10:00:00Z"}""", "together" },
        { """{"endDateTime":"2026-12-01T10:00:00Z"}""", "together" },
        { """{"startDateTime":"2026-12-01T10:00:00Z","endDateTime":"2026-12-01T09:00:00Z"}""", "before" },
        { """{"joinMeetingIdSettings":{"isPasscodeRequired":true}}""", "joinMeetingIdSettings" },
        { """{"participants":{"organizer":{"identity":{"user":{"id":"1f35f2e6-9cab-44ad-8d5a-b74c14720000"}}}}}""", "organizer" },
        { """{"subject":42}""", "subject" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task Patch_InvalidChange_Answers400AndLeavesTheMeetingAlone(string json, string expectedInMessage)
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var (_, created, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"p","subject":"Kept"}""");
        string id = created!["id"]!.GetValue<string>();

        var (status, body, _) = await host.SendAsync(HttpMethod.Patch, $"/users/{Organizer}/onlineMeetings/{id}", json);
        var (_, after, _) = await host.SendAsync(HttpMethod.Get, $"/users/{Organizer}/onlineMeetings/{id}");

        Assert.Equal(400, status);
        Assert.Contains(expectedInMessage, body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(created.ToJsonString(), after!.ToJsonString());
    }

    [Fact]
    public async Task Patch_StartAndEndTogether_MovesTheMeeting()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        var (_, created, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"move"}""");

        var (status, patched, _) = await host.SendAsync(HttpMethod.Patch, $"/users/{Organizer}/onlineMeetings/{created!["id"]!.GetValue<string>()}",
            """{"startDateTime":"2026-12-01T15:00:00-08:00","endDateTime":"2026-12-01T16:00:00-08:00","participants":{"attendees":[{"upn":"a@contoso.com","identity":{"user":{"id":"a"}}}]}}""");

        Assert.Equal(200, status);
        Assert.Equal("2026-12-01T23:00:00.0000000Z", patched!["startDateTime"]!.GetValue<string>());
        Assert.Equal("2026-12-02T00:00:00.0000000Z", patched["endDateTime"]!.GetValue<string>());
        Assert.Equal("a@contoso.com", Assert.Single(patched["participants"]!["attendees"]!.AsArray())!["upn"]!.GetValue<string>());
        Assert.Equal(Organizer, patched["participants"]!["organizer"]!["identity"]!["user"]!["id"]!.GetValue<string>());
    }

    private static CreateOrGetPostRequestBody CreateOrGetBody(string externalId, string subject) => new()
    {
        ExternalId = externalId,
        Subject = subject,
        StartDateTime = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(-8)),
        EndDateTime = new DateTimeOffset(2026, 11, 27, 15, 30, 0, TimeSpan.FromHours(-8)),
        Participants = new MeetingParticipants
        {
            Organizer = new MeetingParticipantInfo { Identity = new IdentitySet { User = new Identity { Id = Organizer } } },
            Attendees = [new MeetingParticipantInfo { Upn = "bob@contoso.com", Role = OnlineMeetingRole.Attendee, Identity = new IdentitySet { User = new Identity { Id = OtherOrganizer } } }],
        },
    };

    [GeneratedRegex("^19:meeting_[A-Za-z0-9+/]+@thread\\.v2$")]
    private static partial Regex ThreadIdPattern();

    [GeneratedRegex("^[0-9]{12,}$")]
    private static partial Regex TwelveOrMoreDigits();
}
