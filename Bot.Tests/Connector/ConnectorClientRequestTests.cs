using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>Request shapes of every operation against the fake Connector on loopback (local mode, no token).</summary>
public sealed class ConnectorClientRequestTests : IAsyncLifetime
{
    private const string ThreadId = "19:abc@thread.tacv2;messageid=1767";
    private const string EscapedThreadId = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1767";

    private FakeConnector fake = null!;
    private ConnectorTestHost host = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeConnector.StartAsync("/_connector");
        host = ConnectorTestHost.Create(localMode: true);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task SendToConversation_posts_the_activity_to_the_escaped_conversation_path()
    {
        var result = await host.Client.SendToConversationAsync(fake.ServiceUrl, ThreadId, new Activity { Type = "message", Text = "hello" }, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities", request.RawTarget);
        Assert.Equal(["v3", "conversations", ThreadId, "activities"], request.Segments);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Null(request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("hello", (string?)body["text"]);
        var posted = Assert.Single(fake.PostedActivities);
        Assert.Equal(posted.ActivityId, result.Id);
        Assert.Equal(ThreadId, posted.ConversationId);
    }

    [Fact]
    public async Task ReplyToActivity_posts_under_the_escaped_activity_id_and_sets_replyToId()
    {
        const string replyTo = "1767:ab;c";
        await host.Client.ReplyToActivityAsync(fake.ServiceUrl, ThreadId, replyTo, new Activity { Type = "message", Text = "re" }, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1767%3Aab%3Bc", request.RawTarget);
        Assert.Equal(replyTo, (string?)JsonNode.Parse(request.Body)!["replyToId"]);
        Assert.Equal(replyTo, Assert.Single(fake.PostedActivities).ReplyToId);
    }

    [Fact]
    public async Task UpdateActivity_puts_the_full_activity_with_its_id()
    {
        var result = await host.Client.UpdateActivityAsync(fake.ServiceUrl, ThreadId, "1768", new Activity { Type = "message", Text = "edited" }, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1768", request.RawTarget);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("1768", (string?)body["id"]);
        Assert.Equal("edited", (string?)body["text"]);
        Assert.Equal("1768", result.Id);
        Assert.Equal("edited", Assert.Single(fake.UpdatedActivities).Activity.Text);
    }

    [Fact]
    public async Task UpdateActivity_refuses_an_activity_whose_id_differs()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.UpdateActivityAsync(fake.ServiceUrl, ThreadId, "1768", new Activity { Id = "999", Type = "message" }, CancellationToken.None));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task DeleteActivity_sends_delete_without_a_body()
    {
        await host.Client.DeleteActivityAsync(fake.ServiceUrl, ThreadId, "1768", CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1768", request.RawTarget);
        Assert.Equal("", request.Body);
        Assert.Equal((ThreadId, "1768"), Assert.Single(fake.DeletedActivities));
    }

    public static TheoryData<string> MemberIds => new() { "29:1abc-user", "6b1f2a6e-5f0c-4c1e-9d1a-3f4b5c6d7e8f" };

    [Theory]
    [MemberData(nameof(MemberIds))]
    public async Task GetMember_finds_a_member_by_29_id_or_entra_object_id(string memberId)
    {
        fake.AddMember(new TeamsChannelAccount { Id = "29:1abc-user", AadObjectId = "6b1f2a6e-5f0c-4c1e-9d1a-3f4b5c6d7e8f", Name = "Megan Bowen" });

        var member = await host.Client.GetMemberAsync(fake.ServiceUrl, ThreadId, memberId, CancellationToken.None);

        Assert.NotNull(member);
        Assert.Equal("Megan Bowen", member.Name);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/members/{Uri.EscapeDataString(memberId)}", request.RawTarget);
    }

    [Fact]
    public async Task GetMember_returns_null_for_a_member_not_in_the_conversation()
    {
        var member = await host.Client.GetMemberAsync(fake.ServiceUrl, ThreadId, "29:unknown", CancellationToken.None);

        Assert.Null(member);
        Assert.Equal(404, Assert.Single(fake.Requests).ResponseStatus);
    }

    [Fact]
    public async Task GetPagedMembers_sends_page_size_and_escaped_continuation_token()
    {
        fake.Respond(r => r.Path.EndsWith("/pagedmembers", StringComparison.Ordinal)
            ? FakeResponse.Json(200, """{"continuationToken":"next","members":[{"id":"29:a","name":"A"}]}""")
            : null);

        var page = await host.Client.GetPagedMembersAsync(fake.ServiceUrl, ThreadId, 50, "a+b/c=d&e", CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/pagedmembers?pageSize=50&continuationToken=a%2Bb%2Fc%3Dd%26e", request.RawTarget);
        Assert.Equal("a+b/c=d&e", request.QueryValue("continuationToken"));
        Assert.Equal("next", page.ContinuationToken);
        Assert.Equal("29:a", Assert.Single(page.Members!).Id);
    }

    [Fact]
    public async Task GetAllMembers_follows_continuation_tokens_until_the_last_page()
    {
        fake.DefaultMembersPageSize = 2;
        for (int i = 1; i <= 5; i++)
        {
            fake.AddMember(new TeamsChannelAccount { Id = $"29:user-{i}", Name = $"User {i}" });
        }

        var members = new List<TeamsChannelAccount>();
        await foreach (var member in host.Client.GetAllMembersAsync(fake.ServiceUrl, ThreadId, CancellationToken.None))
        {
            members.Add(member);
        }

        Assert.Equal(["29:user-1", "29:user-2", "29:user-3", "29:user-4", "29:user-5"], members.Select(m => m.Id));
        var requests = fake.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Null(requests[0].QueryValue("continuationToken"));
        Assert.Equal("page-2", requests[1].QueryValue("continuationToken"));
        Assert.Equal("page-4", requests[2].QueryValue("continuationToken"));
    }

    [Fact]
    public async Task GetAllMembers_stops_when_the_connector_repeats_a_continuation_token()
    {
        fake.Respond(r => r.Path.EndsWith("/pagedmembers", StringComparison.Ordinal)
            ? FakeResponse.Json(200, """{"continuationToken":"same","members":[{"id":"29:a"}]}""")
            : null);

        var members = new List<TeamsChannelAccount>();
        await foreach (var member in host.Client.GetAllMembersAsync(fake.ServiceUrl, ThreadId, CancellationToken.None))
        {
            members.Add(member);
        }

        Assert.Equal(2, fake.Requests.Count);
        Assert.Equal(2, members.Count);
    }

    [Fact]
    public async Task CreateConversation_posts_the_parameters_to_v3_conversations()
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot-app-id" },
            Members = [new ChannelAccount { Id = "29:1abc-user" }],
            TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        };

        var created = await host.Client.CreateConversationAsync(fake.ServiceUrl, parameters, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations", request.RawTarget);
        var body = JsonNode.Parse(request.Body)!;
        Assert.False((bool)body["isGroup"]!);
        Assert.Equal("29:1abc-user", (string?)body["members"]![0]!["id"]);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", (string?)body["tenantId"]);
        Assert.Equal("a:fake-29:1abc-user", created.Id);
    }

    public static TheoryData<int, string?> EmptySuccessAnswers => new()
    {
        { 200, null },
        { 201, "" },
        { 202, null },
        { 202, "  \n" },
    };

    [Theory]
    [MemberData(nameof(EmptySuccessAnswers))]
    public async Task A_2xx_with_an_empty_body_is_a_successful_send_without_an_id(int status, string? body)
    {
        fake.Respond(_ => new FakeResponse(status, body));

        var result = await host.Client.SendToConversationAsync(fake.ServiceUrl, ThreadId, new Activity { Type = "message", Text = "x" }, CancellationToken.None);

        Assert.True(string.IsNullOrEmpty(result.Id));
        Assert.Single(fake.Requests);
    }

    public static TheoryData<string> PathBases => new() { "", "/", "/_connector", "/amer/72f988bf-86f1-41af-91ab-2d7cd011db47" };

    [Theory]
    [MemberData(nameof(PathBases))]
    public async Task The_service_url_is_joined_without_a_doubled_or_missing_slash(string pathBase)
    {
        await using var other = await FakeConnector.StartAsync(pathBase);
        string withoutSlash = other.ServiceUrl.TrimEnd('/');

        await host.Client.SendToConversationAsync(withoutSlash, "a:1", new Activity { Type = "message" }, CancellationToken.None);
        await host.Client.SendToConversationAsync(withoutSlash + "/", "a:1", new Activity { Type = "message" }, CancellationToken.None);

        string expectedBase = "/" + pathBase.Trim('/');
        string expected = (expectedBase == "/" ? "" : expectedBase) + "/v3/conversations/a%3A1/activities";
        Assert.All(other.Requests, r => Assert.Equal(expected, r.RawTarget));
        Assert.Equal(2, other.Requests.Count);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", null, "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1%2Fx%3Fy%23z/activities/1%20b")]
    [InlineData("https://smba.trafficmanager.net/amer", "", "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1%2Fx%3Fy%23z/activities/1%20b")]
    [InlineData("http://127.0.0.1:3978/_connector/", "continuationToken=abc", "http://127.0.0.1:3978/_connector/v3/conversations/a%3A1%2Fx%3Fy%23z/activities/1%20b?continuationToken=abc")]
    [InlineData("https://smba.trafficmanager.net/", null, "https://smba.trafficmanager.net/v3/conversations/a%3A1%2Fx%3Fy%23z/activities/1%20b")]
    public void A_request_url_is_the_base_and_each_segment_escaped(string baseUrl, string? query, string expected)
    {
        var uri = ConnectorClient.BuildRequestUri(new Uri(baseUrl), ["v3", "conversations", "a:1/x?y#z", "activities", "1 b"], query);

        Assert.Equal(expected, uri.AbsoluteUri);
    }

    public static TheoryData<string> UnsafeSegments => new() { "..", ".", "" };

    [Theory]
    [MemberData(nameof(UnsafeSegments))]
    public void Dot_and_empty_path_segments_are_refused(string segment)
    {
        Assert.Throws<ArgumentException>(() => ConnectorClient.BuildRequestUri(new Uri("https://smba.trafficmanager.net/amer/"), ["v3", "conversations", segment, "activities"], null));
    }
}
