using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Users.Item.OnlineMeetings.CreateOrGet;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using TeamsMeetBot.Calls;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>
/// The Graph SDK's models stay inside the two Graph clients: the rest of the bot gets the bot's own types. This keeps
/// the 40 MB Microsoft.Graph assembly out of a bot that only answers <c>help</c>: the tiered JIT's optimized code for
/// the command handler inlines the start of every command's async method, and loading that method's state machine
/// loads the types of its fields (an awaiter of a Graph model loaded the whole SDK, 6 MB of resident memory).
/// </summary>
public sealed class GraphBoundaryTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";

    private static readonly Type[] GraphClients = [typeof(OnlineMeetingsClient), typeof(GraphCallsClient), typeof(GraphClientProvider)];

    [Fact]
    public void No_async_method_outside_the_Graph_clients_holds_a_Graph_SDK_type()
    {
        var offenders = typeof(MeetingService).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && typeof(IAsyncStateMachine).IsAssignableFrom(t))
            .Where(t => !IsInsideGraphBoundary(t))
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => MentionsGraphSdk(f.FieldType))
                .Select(f => $"{t.DeclaringType?.Name}.{t.Name}: {f.Name} is {f.FieldType}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Graph SDK types leak out of the Graph clients:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_Graph_clients_public_methods_speak_the_bots_own_types()
    {
        var offenders = new[] { typeof(OnlineMeetingsClient), typeof(GraphCallsClient) }
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => MentionsGraphSdk(m.ReturnType) || m.GetParameters().Any(p => MentionsGraphSdk(p.ParameterType)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void A_documented_createOrGet_answer_becomes_the_meeting_the_bot_keeps()
    {
        var created = OnlineMeetingsClient.ToCreated(ReadMeeting(SharedData.ReadText("graph-payloads", "onlineMeeting-createOrGet-response.json")));

        Assert.Equal("(redacted)", created.Id);
        Assert.Equal("Create a meeting with customId provided", created.Subject);
        Assert.Equal(new DateTimeOffset(2020, 9, 11, 6, 30, 18, TimeSpan.Zero).AddTicks(615989), created.StartUtc);
        Assert.Equal(TimeSpan.Zero, created.StartUtc!.Value.Offset);
        Assert.Equal(created.StartUtc.Value.AddHours(1), created.EndUtc);
        Assert.Equal("(redacted)", created.JoinWebUrl);
        Assert.Equal("19:7ebda77322dd4505ac4dedb5b67df076@thread.tacv2", created.ChatThreadId);
        Assert.Equal("0", created.ChatMessageId);
        Assert.Null(created.ChatReplyChainMessageId);
        Assert.Equal("+1 206-485-3005", created.DialInNumber);
        Assert.Null(created.TollFreeNumber);
        Assert.Equal("(redacted)", created.ConferenceId);
        Assert.StartsWith("https://dialin.teams.microsoft.com/", created.DialInUrl, StringComparison.Ordinal);
    }

    /// <summary>
    /// The bot reads createOrGet's answer with its own contract, not the SDK's model: for the documented answers and
    /// one with every field the bot keeps (dial-in number lists, join id and passcode, reply chain, an offset time),
    /// both readings give the same meeting.
    /// </summary>
    [Theory]
    [InlineData("onlineMeeting-createOrGet-response.json")]
    [InlineData("onlineMeeting-create-response.json")]
    [InlineData(null)]
    public void The_bots_contract_reads_a_meeting_as_the_Graph_SDK_model_does(string? payload)
    {
        string json = payload is null ? EveryKeptField : SharedData.ReadText("graph-payloads", payload);

        var ours = OnlineMeetingsClient.ToCreated(ReadMeeting(json));
        var sdk = ParseJson(json, OnlineMeeting.CreateFromDiscriminatorValue);

        Assert.Equal(new CreatedOnlineMeeting
        {
            Id = sdk.Id!,
            Subject = sdk.Subject,
            StartUtc = sdk.StartDateTime?.ToUniversalTime(),
            EndUtc = sdk.EndDateTime?.ToUniversalTime(),
            JoinWebUrl = sdk.JoinWebUrl,
            ChatThreadId = sdk.ChatInfo?.ThreadId,
            ChatMessageId = sdk.ChatInfo?.MessageId,
            ChatReplyChainMessageId = sdk.ChatInfo?.ReplyChainMessageId,
            JoinMeetingId = sdk.JoinMeetingIdSettings?.JoinMeetingId,
            Passcode = sdk.JoinMeetingIdSettings?.Passcode,
            DialInNumber = sdk.AudioConferencing?.TollNumber ?? sdk.AudioConferencing?.TollNumbers?.FirstOrDefault(),
            TollFreeNumber = sdk.AudioConferencing?.TollFreeNumber ?? sdk.AudioConferencing?.TollFreeNumbers?.FirstOrDefault(),
            ConferenceId = sdk.AudioConferencing?.ConferenceId,
            DialInUrl = sdk.AudioConferencing?.DialinUrl,
        }, ours);
        if (payload is null)
        {
            Assert.DoesNotContain(typeof(CreatedOnlineMeeting).GetProperties(), p => p.GetValue(ours) is null);
        }
    }

    /// <summary>
    /// The bot writes createOrGet's body with its own contract, not the SDK's model: the JSON carries the same values
    /// as the SDK's serialization of the same request (times compared as instants: the SDK writes seven fractional
    /// digits), and passes the strict Graph schema.
    /// </summary>
    [Fact]
    public void The_bots_createOrGet_body_is_the_one_the_Graph_SDK_writes()
    {
        var start = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.FromHours(-8));
        MeetingPerson[] attendees =
        [
            new("29:bob", "Bob Lee", "1f35f2e6-9cab-44ad-8d5a-b74c14720000", "bob@contoso.com"),
            new("29:guest", "A guest", null, null),
            new("29:ann", "Ann", "7b5b4c1e-0000-4000-8000-000000000001", null),
        ];

        var ours = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(
            OnlineMeetingsClient.CreateOrGetBody(Organizer, "teams-bot:19:abc@thread.v2:1", "About X", start, start.AddMinutes(30), attendees),
            GraphOnlineMeetingJsonContext.Default.GraphCreateOrGetRequest))!.AsObject();
        var sdk = new CreateOrGetPostRequestBody
        {
            ExternalId = "teams-bot:19:abc@thread.v2:1",
            Subject = "About X",
            StartDateTime = start.ToUniversalTime(),
            EndDateTime = start.AddMinutes(30).ToUniversalTime(),
            Participants = new MeetingParticipants
            {
                Organizer = new MeetingParticipantInfo { Identity = new IdentitySet { User = new Identity { Id = Organizer } } },
                Attendees =
                [
                    new() { Upn = "bob@contoso.com", Role = OnlineMeetingRole.Attendee, Identity = new IdentitySet { User = new Identity { Id = "1f35f2e6-9cab-44ad-8d5a-b74c14720000", DisplayName = "Bob Lee" } } },
                    new() { Role = OnlineMeetingRole.Attendee, Identity = new IdentitySet { User = new Identity { Id = "7b5b4c1e-0000-4000-8000-000000000001", DisplayName = "Ann" } } },
                ],
            },
        };
        Assert.Null(new GraphSchemaValidator().Validate(ours.DeepClone(), GraphSchemaDefinitions.CreateOrGetOnlineMeeting));
        AssertSameValues(SdkJson(sdk), ours);
    }

    // Every lobby value and every presenters value at least once.
    public static TheoryData<MeetingLobbyBypass, MeetingPresenters> Settings
    {
        get
        {
            var data = new TheoryData<MeetingLobbyBypass, MeetingPresenters>();
            foreach (var (lobby, presenters) in Enum.GetValues<MeetingLobbyBypass>().Zip(Enum.GetValues<MeetingPresenters>().Concat(Enum.GetValues<MeetingPresenters>())))
            {
                data.Add(lobby, presenters);
            }

            return data;
        }
    }

    /// <summary>
    /// The settings PATCH the bot writes is the JSON the SDK writes for the same change, and passes the strict schema. The
    /// SDK's model also writes the OData type annotation of the resource being patched; Graph's documented update
    /// requests leave it out, and so does the bot.
    /// </summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public void The_bots_settings_patch_is_the_one_the_Graph_SDK_writes(MeetingLobbyBypass lobby, MeetingPresenters presenters)
    {
        var ours = new GraphOnlineMeetingPatch(new GraphOnlineMeetingPatch.LobbyBypass(OnlineMeetingsClient.ToGraph(lobby), false), OnlineMeetingsClient.ToGraph(presenters));
        var sdk = new OnlineMeeting
        {
            LobbyBypassSettings = new LobbyBypassSettings { Scope = Enum.Parse<LobbyBypassScope>(lobby.ToString()), IsDialInBypassEnabled = false },
            AllowedPresenters = Enum.Parse<OnlineMeetingPresenters>(presenters.ToString()),
        };

        AssertSameJson(sdk, ours);
    }

    [Fact]
    public void The_bots_reschedule_patch_is_the_one_the_Graph_SDK_writes()
    {
        var start = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
        AssertSameJson(
            new OnlineMeeting { StartDateTime = start, EndDateTime = start.AddMinutes(45) },
            new GraphOnlineMeetingPatch(StartDateTime: start, EndDateTime: start.AddMinutes(45)));
    }

    /// <summary>
    /// The bot builds its two online-meeting URLs itself instead of expanding the SDK's URI templates per request; they
    /// must be the URLs the SDK's request builders produce, ids escaped alike (GUIDs, UPNs, Graph's meeting ids, and
    /// characters a template must escape).
    /// </summary>
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0", Organizer, "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZiMi04ZjZhNDQyZTRjMDgqMCoqMTk6bWVldGluZ19NVEl3TXpJNE5tVXRNVEkyTmkwME1URXdMVGt6TURrdE5EUTJNalpqWWpNeVkyRTRAdGhyZWFkLnYy")]
    [InlineData("https://graph.microsoft.us/v1.0/", "alice@contoso.com", "a/b+c=d%25e f?g#h&i")]
    [InlineData("http://127.0.0.1:5000/_local/graph/v1.0", "Zoë O'Brien", "ünï~(x)*!")]
    public void The_online_meeting_urls_are_the_ones_the_Graph_SDK_builds(string baseUrl, string userId, string meetingId)
    {
        using var http = new HttpClient();
        var sdk = new GraphServiceClient(http, new AnonymousAuthenticationProvider(), baseUrl.TrimEnd('/'));

        var createOrGet = sdk.Users[userId].OnlineMeetings.CreateOrGet.ToPostRequestInformation(new CreateOrGetPostRequestBody());
        var patch = sdk.Users[userId].OnlineMeetings[meetingId].ToPatchRequestInformation(new OnlineMeeting());

        Assert.Equal(createOrGet.URI.AbsoluteUri, OnlineMeetingsClient.CreateOrGetUri(baseUrl, userId).AbsoluteUri);
        Assert.Equal(patch.URI.AbsoluteUri, OnlineMeetingsClient.MeetingUri(baseUrl, userId, meetingId).AbsoluteUri);
    }

    private static void AssertSameJson(OnlineMeeting sdkPatch, GraphOnlineMeetingPatch patch)
    {
        var expected = SdkJson(sdkPatch);
        var ours = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(patch, GraphOnlineMeetingJsonContext.Default.GraphOnlineMeetingPatch))!.AsObject();
        Assert.Equal("#microsoft.graph.onlineMeeting", expected["@odata.type"]?.GetValue<string>());
        expected.Remove("@odata.type");
        Assert.Null(new GraphSchemaValidator().Validate(ours.DeepClone(), GraphSchemaDefinitions.OnlineMeeting));
        AssertSameValues(expected, ours);
    }

    /// <summary>What the Graph SDK writes for one of its models.</summary>
    private static JsonObject SdkJson(IParsable model)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, model);
        return JsonNode.Parse(writer.GetSerializedContent())!.AsObject();
    }

    /// <summary>The same JSON, times compared as instants (the SDK writes seven fractional digits).</summary>
    private static void AssertSameValues(JsonObject expected, JsonObject ours)
    {
        foreach (string time in (string[])["startDateTime", "endDateTime"])
        {
            if (expected[time] is not null)
            {
                Assert.Equal(DateTimeOffset.Parse(expected[time]!.GetValue<string>(), CultureInfo.InvariantCulture), DateTimeOffset.Parse(ours[time]!.GetValue<string>(), CultureInfo.InvariantCulture));
                ours.Remove(time);
                expected.Remove(time);
            }
        }

        Assert.True(JsonNode.DeepEquals(expected, ours), $"SDK: {expected.ToJsonString()}\nbot: {ours.ToJsonString()}");
    }

    [Fact]
    public void Dial_in_falls_back_to_the_first_of_the_number_lists()
    {
        var created = OnlineMeetingsClient.ToCreated(ReadMeeting("""
            {
              "id": "m1",
              "audioConferencing": { "tollNumbers": ["+44 20 0000 0000", "+1 206 000 0000"], "tollFreeNumbers": ["+1 800 000 0000"] },
              "joinMeetingIdSettings": { "isPasscodeRequired": true, "joinMeetingId": "123 456 789", "passcode": "abc123" }
            }
            """));

        Assert.Equal("+44 20 0000 0000", created.DialInNumber);
        Assert.Equal("+1 800 000 0000", created.TollFreeNumber);
        Assert.Equal("123 456 789", created.JoinMeetingId);
        Assert.Equal("abc123", created.Passcode);
    }

    [Theory]
    [InlineData("""{ "joinWebUrl": "https://teams.microsoft.com/l/meetup-join/x" }""")]
    [InlineData("""{ "id": null, "joinWebUrl": "https://teams.microsoft.com/l/meetup-join/x" }""")]
    [InlineData("""{ "id": "", "joinWebUrl": "https://teams.microsoft.com/l/meetup-join/x" }""")]
    public void A_meeting_without_an_id_is_a_Graph_failure(string json)
    {
        var failure = Assert.Throws<GraphFailureException>(() => OnlineMeetingsClient.ToCreated(ReadMeeting(json)));
        Assert.Equal(GraphFailureKind.Unavailable, failure.Kind);
    }

    [Fact]
    public void A_documented_join_answer_gives_the_call_and_the_bots_participant_id()
    {
        var joined = GraphCallsClient.ToJoined(Parse<Call>("call-join-meeting-response.json", Call.CreateFromDiscriminatorValue));

        Assert.Equal(new JoinedCall("2f1a1100-b174-40a0-aba7-0b405e01ed92", "05491616-385f-44a8-9974-18cc5f9933c1"), joined);
    }

    [Fact]
    public void A_join_answer_without_a_call_id_is_a_Graph_failure()
    {
        Assert.Equal(GraphFailureKind.Unavailable, Assert.Throws<GraphFailureException>(() => GraphCallsClient.ToJoined(new Call { MyParticipantId = "p" })).Kind);
        Assert.Equal(GraphFailureKind.Unavailable, Assert.Throws<GraphFailureException>(() => GraphCallsClient.ToJoined(null)).Kind);
    }

    // Every field the bot keeps, as Graph's onlineMeeting resource names them; times with an offset.
    private const string EveryKeptField = """
        {
          "id": "MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZiMi04ZjZhNDQyZTRhOGQqMCoqMTk6bWVldGluZ19OMkl5WXpFM05qUXRNR1V5TlMwMFpEWTVMV0poT0RFdE0yUmpNR0kyWTJaaU5qSTBAdGhyZWFkLnYy",
          "subject": "Failover review",
          "startDateTime": "2026-11-27T15:00:00-08:00",
          "endDateTime": "2026-11-27T15:45:00-08:00",
          "joinWebUrl": "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
          "chatInfo": { "threadId": "19:meeting_x@thread.v2", "messageId": "0", "replyChainMessageId": "1732712345678" },
          "joinMeetingIdSettings": { "isPasscodeRequired": true, "joinMeetingId": "412 345 678 901", "passcode": "Xy7pQ2" },
          "audioConferencing": {
            "conferenceId": "7012345",
            "tollNumber": "+1 206-485-3005",
            "tollNumbers": ["+1 206-485-3005", "+44 20 3321 5200"],
            "tollFreeNumber": "+1 800-555-0100",
            "tollFreeNumbers": ["+1 800-555-0100"],
            "dialinUrl": "https://dialin.teams.microsoft.com/0e73a853-1cc2-436c-b18c-9f53e0a97c24?id=7012345"
          }
        }
        """;

    private static GraphOnlineMeeting ReadMeeting(string json) =>
        JsonSerializer.Deserialize(json, GraphOnlineMeetingJsonContext.Default.GraphOnlineMeeting)!;

    private static T Parse<T>(string file, ParsableFactory<T> factory)
        where T : IParsable => ParseJson(SharedData.ReadText("graph-payloads", file), factory);

    /// <summary>Reads JSON the way the Graph SDK reads an answer into its model.</summary>
    private static T ParseJson<T>(string json, ParsableFactory<T> factory)
        where T : IParsable
    {
        using var document = JsonDocument.Parse(json);
        return new JsonParseNode(document.RootElement).GetObjectValue(factory)!;
    }

    private static bool IsInsideGraphBoundary(Type stateMachine)
    {
        for (var t = stateMachine.DeclaringType; t is not null; t = t.DeclaringType)
        {
            if (GraphClients.Contains(t) || t.Namespace == "TeamsMeetBot.LocalGraph")
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsGraphSdk(Type type)
    {
        if (type.HasElementType)
        {
            return MentionsGraphSdk(type.GetElementType()!);
        }

        if (type.IsGenericParameter)
        {
            return false;
        }

        string assembly = type.Assembly.GetName().Name ?? "";
        return assembly.StartsWith("Microsoft.Graph", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.Kiota", StringComparison.Ordinal)
            || (type.IsGenericType && type.GetGenericArguments().Any(MentionsGraphSdk));
    }
}
