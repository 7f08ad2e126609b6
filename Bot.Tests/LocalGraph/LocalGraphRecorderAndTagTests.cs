using System.Text.Json.Nodes;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The request log (<c>/_local/graph/_requests</c>) and the Teams tag members endpoint.</summary>
public sealed class LocalGraphRecorderAndTagTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";

    [Fact]
    public async Task RequestsEndpoint_ListsEveryRequestAsMethodPathQueryBody_AndDeleteClearsIt()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"rec","subject":"Recorded"}""");
        await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings", """{"bogus":true}""");
        using var filtered = await host.Http.GetAsync(LocalGraphEndpoints.GraphBasePath + $"/users/{Organizer}/onlineMeetings/none?$select=subject");

        string json = await host.Http.GetStringAsync("/_local/graph/_requests");
        var log = JsonNode.Parse(json)!.AsArray();

        Assert.Equal(3, log.Count);
        Assert.All(log, entry => Assert.Equal(["method", "path", "query", "body"], entry!.AsObject().Select(p => p.Key)));
        Assert.Equal("POST", log[0]!["method"]!.GetValue<string>());
        Assert.Equal($"/v1.0/users/{Organizer}/onlineMeetings/createOrGet", log[0]!["path"]!.GetValue<string>());
        Assert.Equal("", log[0]!["query"]!.GetValue<string>());
        Assert.Equal("Recorded", log[0]!["body"]!["subject"]!.GetValue<string>());
        Assert.True(log[1]!["body"]!["bogus"]!.GetValue<bool>());
        Assert.Equal("GET", log[2]!["method"]!.GetValue<string>());
        Assert.Equal("$select=subject", log[2]!["query"]!.GetValue<string>());
        Assert.Null(log[2]!["body"]);

        using var cleared = await host.Http.DeleteAsync("/_local/graph/_requests");
        Assert.Equal(204, (int)cleared.StatusCode);
        Assert.Equal("[]", await host.Http.GetStringAsync("/_local/graph/_requests"));
        Assert.Empty(host.Recorder.Snapshot());
    }

    [Fact]
    public async Task Recorder_KeepsItsOwnCopyOfTheBody()
    {
        await using var host = await LocalGraphTestHost.StartAsync();

        await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings", """{"subject":"x","allowedPresenters":"Organizer"}""");

        Assert.Equal("Organizer", Assert.Single(host.Recorder.Snapshot()).Body!["allowedPresenters"]!.GetValue<string>());
    }

    [Fact]
    public async Task TagMembers_AreServedFromConfiguration()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new()
        {
            ["LocalGraph:TenantId"] = "tenant-1",
            ["LocalGraph:Tags:oncall:0:UserId"] = "u-alice",
            ["LocalGraph:Tags:oncall:1:UserId"] = "u-bob",
            ["LocalGraph:Tags:oncall:1:DisplayName"] = "Bob B.",
            ["LocalGraph:Tags:oncall:1:TenantId"] = "tenant-2",
            ["LocalGraph:Users:u-alice:DisplayName"] = "Alice A.",
            ["LocalGraph:Users:u-alice:UserPrincipalName"] = "alice@contoso.com",
        });

        var (status, body, _) = await host.SendAsync(HttpMethod.Get, "/teams/team-1/tags/oncall/members");
        var (missing, error, _) = await host.SendAsync(HttpMethod.Get, "/teams/team-1/tags/nope/members");

        Assert.Equal(200, status);
        var members = body!["value"]!.AsArray();
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Equal(["id", "displayName", "userId", "tenantId"], m!.AsObject().Select(p => p.Key)));
        Assert.Equal(("Alice A.", "u-alice", "tenant-1"), (members[0]!["displayName"]!.GetValue<string>(), members[0]!["userId"]!.GetValue<string>(), members[0]!["tenantId"]!.GetValue<string>()));
        Assert.Equal(("Bob B.", "u-bob", "tenant-2"), (members[1]!["displayName"]!.GetValue<string>(), members[1]!["userId"]!.GetValue<string>(), members[1]!["tenantId"]!.GetValue<string>()));
        Assert.NotEqual(members[0]!["id"]!.GetValue<string>(), members[1]!["id"]!.GetValue<string>());
        Assert.Equal(404, missing);
        Assert.Equal("NotFound", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TagMembers_ThroughTheSdk()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:Tags:t1:0:UserId"] = "u1", ["LocalGraph:Tags:t1:0:DisplayName"] = "One" });
        var graph = host.CreateGraphClient();

        var page = await graph.Teams["team"].Tags["t1"].Members.GetAsync();

        var member = Assert.Single(page!.Value!);
        Assert.Equal("u1", member.UserId);
        Assert.Equal("One", member.DisplayName);
        Assert.Equal(LocalGraphOptions.DefaultTenantId, member.TenantId);
    }

    [Fact]
    public async Task RecordRequestsOff_LeavesTheLogEmpty_AndTheSimulatorStillAnswers()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:RecordRequests"] = "false" });

        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"unrecorded","subject":"Not logged"}""");

        Assert.Equal(201, status);
        Assert.Equal("Not logged", body!["subject"]!.GetValue<string>());
        Assert.Empty(host.Recorder.Snapshot());
        Assert.Equal("[]", await host.Http.GetStringAsync("/_local/graph/_requests"));
    }

    [Fact]
    public void Recorder_IsBounded()
    {
        var recorder = new LocalGraphRecorder();
        for (int i = 0; i < LocalGraphRecorder.Capacity + 5; i++)
        {
            recorder.Record("GET", "/v1.0/x/" + i, "", null);
        }

        var log = recorder.Snapshot();
        Assert.Equal(LocalGraphRecorder.Capacity, log.Count);
        Assert.Equal("/v1.0/x/5", log[0].Path);
    }
}
