using System.Text.Json.Nodes;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>Request bodies are checked against the strict Graph schema; documented and SDK-produced bodies pass.</summary>
public sealed class GraphRequestValidationTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";

    public static TheoryData<string, string> DocumentedRequests => new()
    {
        // file in shared/graph-payloads that SOURCES.md marks OK → endpoint under /users/{id}/onlineMeetings
        { "onlineMeeting-createOrGet-request.json", "/createOrGet" },
        { "sdk-graph-6.10-createOrGet-request.json", "/createOrGet" },
        { "sdk-graph-6.10-onlineMeeting-post-request.json", "" },
    };

    [Theory]
    [MemberData(nameof(DocumentedRequests))]
    public async Task DocumentedRequest_IsAccepted_AndTheResponseValidatesAgainstTheOpenSchema(string file, string endpoint)
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        string json = SharedData.ReadText("graph-payloads", file);

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings{endpoint}", json);

        Assert.True(status == 201, $"{file}: {status} {body?.ToJsonString()}");
        Assert.Null(host.Validator.Validate(body, GraphSchemaDefinitions.OnlineMeeting, GraphSchemaKind.Open));
        var sent = JsonNode.Parse(json)!;
        Assert.Equal(sent["subject"]!.GetValue<string>(), body!["subject"]!.GetValue<string>());
        Assert.Equal(Organizer, body["participants"]!["organizer"]!["identity"]!["user"]!["id"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        // endpoint, body, property path the message must name
        { "/createOrGet", """{"externalId":"x","subjekt":"typo"}""", "property 'subjekt' does not exist on type 'action.Collection(onlineMeeting).createOrGet'" },
        { "/createOrGet", """{"externalId":"x","subject":5}""", "'subject'" },
        { "/createOrGet", """{"externalId":7}""", "'externalId'" },
        { "/createOrGet", """{"externalId":"x","startDateTime":"tomorrow at 3"}""", "'startDateTime'" },
        { "/createOrGet", """{"externalId":"x","participants":{"attendees":[{"upn":"a@b.c","role":"boss"}]}}""", "'participants.attendees[0].role': expected one of attendee, presenter" },
        { "/createOrGet", """{"externalId":"x","participants":{"attendees":[{"identity":{"user":{"id":"a","nickname":"z"}}}]}}""", "property 'participants.attendees[0].identity.user.nickname' does not exist on type 'microsoft.graph.identity'." },
        { "/createOrGet", """{"externalId":"x","allowedPresenters":"everyone"}""", "'allowedPresenters'" },
        { "", """{"subject":"x","lobbyBypassSettings":{"scope":"anyone"}}""", "'lobbyBypassSettings.scope'" },
        { "", """{"subject":"x","isEntryExitAnnounced":"yes"}""", "'isEntryExitAnnounced'" },
        { "", """{"subject":"x","participants":"everyone"}""", "'participants'" },
        { "", """["not","an","object"]""", "JSON object" },
        { "", """{"subject":""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidBody_Answers400NamingTheProperty(string endpoint, string json, string expectedInMessage)
    {
        await using var host = await LocalGraphTestHost.StartAsync();

        var (status, body, response) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings{endpoint}", json);

        Assert.Equal(400, status);
        var error = body!["error"]!;
        Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
        Assert.Contains(expectedInMessage, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), error["innerError"]!["request-id"]!.GetValue<string>());
        Assert.NotNull(error["innerError"]!["date"]);
        Assert.Single(host.Recorder.Snapshot());
    }

    [Fact]
    public async Task WithValidationSwitchedOff_AnInvalidBodyIsAccepted_ButEnumsAreStillNormalised()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:ValidateRequestBodies"] = "false" });
        string json = """{"subjekt":"typo","subject":"Failover","allowedPresenters":"EVERYONE"}""";

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings", json);

        Assert.Equal(201, status);
        Assert.Equal("everyone", body!["allowedPresenters"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Organizer", "organizer")]
    [InlineData("ROLEISPRESENTER", "roleIsPresenter")]
    [InlineData("everyone", "everyone")]
    public async Task EnumValues_CompareIgnoringCase_AndAreStoredInGraphSpelling(string sent, string stored)
    {
        await using var host = await LocalGraphTestHost.StartAsync();

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings",
            """{"subject":"Everyone","allowedPresenters":""" + "\"" + sent + "\"" + ""","participants":{"attendees":[{"upn":"a@b.c","role":"Attendee","identity":{"user":{"id":"a"}}}]}}""");

        Assert.Equal(201, status);
        Assert.Equal(stored, body!["allowedPresenters"]!.GetValue<string>());
        Assert.Equal("attendee", body["participants"]!["attendees"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("Everyone", body["subject"]!.GetValue<string>());
    }

    [Fact]
    public void Validator_UsesTheRealDefinitionNames()
    {
        var validator = new GraphSchemaValidator();

        Assert.Null(validator.Validate(JsonNode.Parse("""{"externalId":"x"}"""), GraphSchemaDefinitions.CreateOrGetOnlineMeeting));
        Assert.NotNull(validator.Validate(JsonNode.Parse("""{"externalId":"x","unknown":1}"""), GraphSchemaDefinitions.CreateOrGetOnlineMeeting));
        Assert.Null(validator.Validate(JsonNode.Parse("""{"subject":"x","unknown":1}"""), GraphSchemaDefinitions.OnlineMeeting, GraphSchemaKind.Open));
        Assert.Throws<ArgumentException>(() => validator.NormalizeAndValidate(JsonNode.Parse("{}"), "microsoft.graph.noSuchType"));
    }

    [Theory]
    [InlineData("/participants/attendees/0/role", "participants.attendees[0].role")]
    [InlineData("/subject", "subject")]
    [InlineData("", "")]
    [InlineData("/a~1b/0/0", "a/b[0][0]")]
    public void PropertyPath_ReadsLikeCode(string jsonPointer, string expected) =>
        Assert.Equal(expected, GraphSchemaValidator.PropertyPath(jsonPointer));
}
