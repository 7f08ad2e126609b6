using System.Net.Http.Json;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.OnlineMeetings.CreateOrGet;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The configurable failure modes, seen through the real Graph SDK.</summary>
public sealed class LocalGraphBehaviorTests
{
    private const string Organizer = "550fae72-d251-43ec-868c-373732c2704f";
    private const string AppId = "9a8b7c6d-1111-2222-3333-444455556666";

    [Fact]
    public async Task NoApplicationAccessPolicy_GivesTheDocumented403()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:Mode"] = "NoApplicationAccessPolicy", ["LocalGraph:AppId"] = AppId });
        var graph = host.CreateGraphClient();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(new CreateOrGetPostRequestBody { ExternalId = "x" }));

        var documented = SharedData.ReadJson("graph-payloads", "error-403-no-application-access-policy.json")["error"]!;
        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal(documented["code"]!.GetValue<string>(), error.Error!.Code);
        string expected = documented["message"]!.GetValue<string>()
            .Replace("<app_ID_redacted>", AppId, StringComparison.Ordinal)
            .Replace("<user_ID_redacted>", Organizer, StringComparison.Ordinal);
        Assert.Equal(expected, error.Error.Message);
        Assert.False(string.IsNullOrEmpty(error.Error.InnerError?.RequestId));
    }

    [Fact]
    public async Task Throttle_TheSdkRetriesAfterRetryAfter_AndSucceeds()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new()
        {
            ["LocalGraph:Mode"] = "Throttle",
            ["LocalGraph:ThrottleRetryAfterSeconds"] = "1",
            ["LocalGraph:ThrottleCount"] = "1",
        });
        var graph = host.CreateGraphClient();

        var meeting = await graph.Users[Organizer].OnlineMeetings.CreateOrGet.PostAsync(new CreateOrGetPostRequestBody { ExternalId = "throttled", Subject = "S" });

        Assert.Equal("S", meeting!.Subject);
        var requests = host.Recorder.Snapshot();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("throttled", r.Body!["externalId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Throttle_Answers429WithRetryAfter_ForTheConfiguredNumberOfRequests()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new()
        {
            ["LocalGraph:Mode"] = "Throttle",
            ["LocalGraph:ThrottleRetryAfterSeconds"] = "7",
            ["LocalGraph:ThrottleCount"] = "2",
        });
        string path = $"/users/{Organizer}/onlineMeetings/createOrGet";

        var first = await host.SendAsync(HttpMethod.Post, path, """{"externalId":"a"}""");
        var second = await host.SendAsync(HttpMethod.Post, path, """{"externalId":"a"}""");
        var third = await host.SendAsync(HttpMethod.Post, path, """{"externalId":"a"}""");

        Assert.Equal(429, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Response.Headers.RetryAfter!.Delta);
        Assert.Equal("TooManyRequests", first.Body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(429, second.Status);
        Assert.Equal(201, third.Status);
    }

    [Fact]
    public async Task ServerError500_IsNotRetriedByTheSdk()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:Mode"] = "ServerError", ["LocalGraph:ServerErrorStatusCode"] = "500" });
        var graph = host.CreateGraphClient();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Organizer].OnlineMeetings["any"].GetAsync());

        Assert.Equal(500, error.ResponseStatusCode);
        Assert.Single(host.Recorder.Snapshot());
    }

    [Fact]
    public async Task ServerError503_CarriesRetryAfter()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:Mode"] = "ServerError", ["LocalGraph:ThrottleRetryAfterSeconds"] = "3" });

        var (status, body, response) = await host.SendAsync(HttpMethod.Get, $"/users/{Organizer}/onlineMeetings/any");

        Assert.Equal(503, status);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Equal("serviceNotAvailable", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserNotFound_Answers404ForUserPaths_ButNotForTags()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new()
        {
            ["LocalGraph:Mode"] = "UserNotFound",
            ["LocalGraph:Tags:tag-1:0:UserId"] = "u1",
        });
        var graph = host.CreateGraphClient();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users["bob@contoso.com"].OnlineMeetings.PostAsync(new OnlineMeeting { Subject = "x" }));
        var (tagStatus, _, _) = await host.SendAsync(HttpMethod.Get, "/teams/team-1/tags/tag-1/members");

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", error.Error!.Code);
        Assert.Contains("bob@contoso.com", error.Error.Message, StringComparison.Ordinal);
        Assert.Equal(200, tagStatus);
    }

    [Fact]
    public async Task BehaviorEndpoint_ChangesTheModeAtRuntime()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        string path = $"/users/{Organizer}/onlineMeetings/createOrGet";

        using var set = await host.Http.PostAsync("/_local/graph/_behavior", JsonContent.Create(new { mode = "NoApplicationAccessPolicy", appId = AppId }));
        var denied = await host.SendAsync(HttpMethod.Post, path, """{"externalId":"a"}""");
        host.Behavior.Apply(new LocalGraphOptions());
        var allowed = await host.SendAsync(HttpMethod.Post, path, """{"externalId":"a"}""");
        using var invalid = await host.Http.PostAsync("/_local/graph/_behavior", new StringContent("{\"mode\":\"Sometimes\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(set.IsSuccessStatusCode);
        Assert.Equal(403, denied.Status);
        Assert.Contains(AppId, denied.Body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(201, allowed.Status);
        Assert.Equal(400, (int)invalid.StatusCode);
        Assert.Equal(LocalGraphMode.Normal, host.Behavior.Current.Mode);
    }

    [Fact]
    public async Task ConfigurationReload_ChangesTheMode()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:Mode"] = "Normal" });

        host.Configuration["LocalGraph:Mode"] = "UserNotFound";
        host.Configuration.Reload();
        var (status, body, _) = await host.SendAsync(HttpMethod.Get, $"/users/{Organizer}/onlineMeetings/any");

        Assert.Equal(LocalGraphMode.UserNotFound, host.Behavior.Current.Mode);
        Assert.Equal(404, status);
        Assert.Equal("Request_ResourceNotFound", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Latency_WaitsOnTheInjectedClock()
    {
        await using var host = await LocalGraphTestHost.StartAsync(new() { ["LocalGraph:LatencyMilliseconds"] = "60000" });
        var clock = host.Clock;

        var pending = host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"slow"}""");
        while (host.Recorder.Snapshot().Count == 0)
        {
            await Task.Delay(10);
        }

        Assert.False(pending.IsCompleted);
        while (!pending.IsCompleted)
        {
            // The delay's timer may be created just after the request was recorded: keep the clock moving.
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(pending, Task.Delay(10));
        }

        var (status, _, _) = await pending;
        Assert.Equal(201, status);
    }

    [Fact]
    public async Task EveryResponse_CarriesRequestIdAndEchoesClientRequestId()
    {
        await using var host = await LocalGraphTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, LocalGraphEndpoints.GraphBasePath + $"/users/{Organizer}/onlineMeetings/none");
        request.Headers.Add("client-request-id", "3c1b9e43-0f0a-4d57-9b55-2a1c0e2e9f11");

        using var withId = await host.Http.SendAsync(request);
        var (_, _, withoutId) = await host.SendAsync(HttpMethod.Post, $"/users/{Organizer}/onlineMeetings/createOrGet", """{"externalId":"h"}""");
        var (_, _, unknownRoute) = await host.SendAsync(HttpMethod.Get, "/me/calendar");

        Assert.Equal("3c1b9e43-0f0a-4d57-9b55-2a1c0e2e9f11", withId.Headers.GetValues("client-request-id").Single());
        foreach (var response in new[] { withId, withoutId, unknownRoute })
        {
            Assert.True(Guid.TryParse(response.Headers.GetValues("request-id").Single(), out _));
            Assert.True(Guid.TryParse(response.Headers.GetValues("client-request-id").Single(), out _));
        }

        Assert.Equal(400, (int)unknownRoute.StatusCode);
    }
}
