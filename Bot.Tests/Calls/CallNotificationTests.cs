using System.Net;
using System.Text.Json.Nodes;
using TeamsMeetBot.Calls;
using TeamsMeetBot.LocalGraph;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Calls;

/// <summary>
/// <c>POST /api/calls</c>: token checks (both token kinds, 401 on any failure), the tenant check, notifications for a
/// call another instance started, and duplicate or out-of-order notifications.
/// </summary>
public sealed class CallNotificationTests : IAsyncLifetime
{
    private const string CallingService = "26a18ebc-cdf7-4a6a-91cb-beb352805e81";
    private CallTestBot _t = null!;

    public async Task InitializeAsync() => _t = await CallTestBot.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private static JsonObject Established(string callId) =>
        CallTestBot.Notification("/communications/calls/" + callId, new JsonObject { ["@odata.type"] = "#microsoft.graph.call", ["state"] = "established", ["id"] = callId });

    public static TheoryData<string> ForgedTokens => new()
    {
        "missing",
        "not a jwt",
        "signed by another key",
        "wrong audience",
        "expired",
        "untrusted issuer",
        "no tenant",
        "entra token from another caller",
        "entra issuer of another tenant",
        "unsigned",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_or_unsigned_notifications_get_401_and_change_nothing(string forgery)
    {
        string tenant = PlaygroundTeam.TenantId;
        string callId = Guid.NewGuid().ToString("D");
        using var otherKey = new LocalGraphSigningKey();
        string? bearer = forgery switch
        {
            "missing" => null,
            "not a jwt" => "abc.def",
            "signed by another key" => otherKey.IssueToken(LocalGraphSigningKey.Issuer, LocalGraphOptions.DefaultAppId, tenant, DateTimeOffset.UtcNow),
            "wrong audience" => CallTestBot.Token(_t.Bot, tenant, audience: "11111111-2222-3333-4444-555555555555"),
            "expired" => CallTestBot.Token(_t.Bot, tenant, now: DateTimeOffset.UtcNow.AddHours(-2)),
            "untrusted issuer" => CallTestBot.Token(_t.Bot, tenant, issuer: "https://evil.example/"),
            "no tenant" => CallTestBot.Token(_t.Bot, ""),
            "entra token from another caller" => CallTestBot.Token(_t.Bot, tenant, issuer: $"https://login.microsoftonline.com/{tenant}/v2.0", claims: new() { ["azp"] = "00000000-1111-2222-3333-444444444444" }),
            "entra issuer of another tenant" => CallTestBot.Token(_t.Bot, tenant, issuer: "https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0", claims: new() { ["azp"] = CallingService }),
            _ => Unsigned(CallTestBot.Token(_t.Bot, tenant)),
        };

        using var response = await _t.NotifyAsync(Established(callId), bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Null(await _t.Bot.Service<CallStore>().GetAsync(callId, CancellationToken.None));
    }

    public static TheoryData<string> GoodIssuers => new()
    {
        LocalGraphSigningKey.Issuer,
        "https://login.microsoftonline.com/{tid}/v2.0",
        "https://sts.windows.net/{tid}/",
    };

    [Theory]
    [MemberData(nameof(GoodIssuers))]
    public async Task Both_token_kinds_are_accepted(string issuer)
    {
        string callId = Guid.NewGuid().ToString("D");
        bool entra = issuer != LocalGraphSigningKey.Issuer;
        string token = CallTestBot.Token(_t.Bot, PlaygroundTeam.TenantId, issuer.Replace("{tid}", PlaygroundTeam.TenantId, StringComparison.Ordinal),
            claims: entra ? new() { ["azp"] = CallingService } : null);

        using var response = await _t.NotifyAsync(Established(callId), token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = await _t.Bot.Service<CallStore>().GetAsync(callId, CancellationToken.None);
        Assert.Equal(CallState.Established, stored!.State);
        Assert.Equal(PlaygroundTeam.TenantId, stored.TenantId);
    }

    [Fact]
    public async Task A_notification_for_a_call_of_another_tenant_is_refused()
    {
        var (cardId, key, _) = await _t.CreateMeetingAsync();
        await _t.PressAsync(TeamsMeetBot.Cards.MeetingCard.JoinCallVerb, key, cardId);
        var call = await CallTestBot.WaitForAsync(() => _t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, _t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None), "the call record");
        var terminated = CallTestBot.Notification("/communications/calls/" + call.CallId, new JsonObject { ["state"] = "terminated" }, "deleted");

        using var response = await _t.NotifyAsync(terminated, CallTestBot.Token(_t.Bot, "99999999-9999-9999-9999-999999999999"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(CallState.Terminated, (await _t.Bot.Service<CallStore>().GetAsync(call.CallId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_notification_for_a_call_started_by_another_instance_is_applied_and_updates_the_card()
    {
        string sqlite = Path.Combine(Path.GetTempPath(), "teamsmeetbot-tests", Guid.NewGuid().ToString("N"), "shared.db");
        await using var first = await CallTestBot.StartAsync(sqlitePath: sqlite);
        var secondHost = new BotHost(CallTestBot.Settings(sqlite));
        try
        {
            var (cardId, key, _) = await first.CreateMeetingAsync();
            await first.PressAsync(TeamsMeetBot.Cards.MeetingCard.JoinCallVerb, key, cardId);
            await first.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));
            var call = (await first.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, first.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!;
            var roster = JsonNode.Parse(SharedData.ReadText("graph-payloads", "notification-roster-after-join.json"))!.AsObject();
            roster["value"]![0]!["resourceUrl"] = "/communications/calls/" + call.CallId;
            roster["value"]![0]!["resourceUrl"] = "/communications/calls/" + call.CallId + "/participants";

            // The second instance never saw this call: it has only the shared store.
            using var response = await first.NotifyAsync(roster, CallTestBot.Token(secondHost, PlaygroundTeam.TenantId), secondHost);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var stored = await first.Bot.Service<CallStore>().GetAsync(call.CallId, CancellationToken.None);
            Assert.Contains(stored!.Participants, p => p.DisplayName == "John");
            await first.WaitForCardAsync(cardId, c => c.Contains("In the call (1): John", StringComparison.Ordinal));
        }
        finally
        {
            await secondHost.DisposeAsync();
        }
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_notifications_are_harmless()
    {
        var calls = _t.Bot.Service<CallService>();
        var store = _t.Bot.Service<CallStore>();
        string callId = "2f1a1100-b174-40a0-aba7-0b405e01ed92";
        string tenant = PlaygroundTeam.TenantId;
        async Task ApplyFileAsync(string file)
        {
            var parsed = CallNotificationParser.Parse(JsonNode.Parse(SharedData.ReadText("graph-payloads", file)))!;
            var retargeted = parsed.Select(n => n switch
            {
                CallStateNotification s => (CallNotification)(s with { CallId = callId }),
                RosterNotification r => r with { CallId = callId },
                _ => n,
            }).ToList();
            Assert.True(await calls.ApplyAsync(tenant, retargeted, CancellationToken.None));
        }

        await ApplyFileAsync("notification-call-established.json");
        await ApplyFileAsync("notification-call-establishing.json");
        Assert.Equal(CallState.Established, (await store.GetAsync(callId, CancellationToken.None))!.State);

        await ApplyFileAsync("notification-roster-after-join.json");
        await ApplyFileAsync("notification-roster-after-join.json");
        var afterRoster = (await store.GetAsync(callId, CancellationToken.None))!;
        Assert.Equal(["Calling Bot", "John"], afterRoster.Participants.Select(p => p.DisplayName).Order().ToList());

        await ApplyFileAsync("notification-call-terminated.json");
        await ApplyFileAsync("notification-call-established.json");
        await ApplyFileAsync("notification-roster-after-join.json");
        await ApplyFileAsync("notification-call-terminated.json");
        var final = (await store.GetAsync(callId, CancellationToken.None))!;
        Assert.Equal(CallState.Terminated, final.State);
        Assert.Equal("The conversation has ended.", final.EndReason);
        Assert.Equal(afterRoster.Participants, final.Participants);
        Assert.Equal(afterRoster.EstablishedAt, final.EstablishedAt);
    }

    [Fact]
    public async Task A_body_that_is_not_a_notification_envelope_gets_400_after_a_valid_token()
    {
        using var response = await _t.NotifyAsync(new JsonObject { ["hello"] = "world" }, CallTestBot.Token(_t.Bot, PlaygroundTeam.TenantId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        string header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return header + "." + parts[1] + ".";
    }
}
