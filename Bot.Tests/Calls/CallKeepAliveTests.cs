using TeamsMeetBot.Calls;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Calls;

/// <summary>Graph drops a bot that sent no keep-alive for 45 minutes: every active call is kept alive, once per interval.</summary>
public sealed class CallKeepAliveTests
{
    [Fact]
    public async Task A_joined_call_is_kept_alive_once_per_interval_and_forgotten_when_it_ends()
    {
        await using var t = await CallTestBot.StartAsync();
        var (cardId, key, _) = await t.CreateMeetingAsync();
        await t.PressAsync(TeamsMeetBot.Cards.MeetingCard.JoinCallVerb, key, cardId);
        await t.WaitForCardAsync(cardId, c => c.Contains("Call in progress", StringComparison.Ordinal));
        var keepAlive = t.Bot.Service<CallKeepAlive>();

        // Just joined: nothing is due yet.
        Assert.Equal(0, await keepAlive.RunOnceAsync(CancellationToken.None));

        // Pretend the last keep-alive was 16 minutes ago: one is due, and only one is sent even if two rounds race.
        var store = t.Bot.Service<TeamsMeetBot.Storage.IBotStore>();
        var call = (await t.Bot.Service<CallStore>().CurrentForMeetingAsync(PlaygroundTeam.TenantId, t.Connector.PostedActivities[0].ConversationId, key, CancellationToken.None))!;
        var marker = (await store.GetAsync(TeamsMeetBot.Storage.StoreTables.Calls, CallKeepAlive.Partition, call.CallId, CallsJsonContext.Default.ActiveCall, CancellationToken.None))!;
        await store.ReplaceAsync(TeamsMeetBot.Storage.StoreTables.Calls, CallKeepAlive.Partition, call.CallId, marker.Value with { LastKeepAlive = DateTimeOffset.UtcNow.AddMinutes(-16) },
            marker.ETag, CallsJsonContext.Default.ActiveCall, null, CancellationToken.None);
        var rounds = await Task.WhenAll(keepAlive.RunOnceAsync(CancellationToken.None), keepAlive.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, rounds.Sum());
        Assert.Single(await t.GraphRequestsAsync(), r => r.Method == "POST" && r.Path == $"/v1.0/communications/calls/{call.CallId}/keepAlive");

        // After the bot leaves, the call is no longer kept alive.
        await t.PressAsync(TeamsMeetBot.Cards.MeetingCard.LeaveCallVerb, key, cardId);
        await t.WaitForCardAsync(cardId, c => c.Contains("The call ended", StringComparison.Ordinal) || c.Contains("left", StringComparison.Ordinal));
        await CallTestBot.WaitForAsync(async () => (await t.Bot.Service<CallStore>().GetAsync(call.CallId, CancellationToken.None)) is { State: CallState.Terminated } r ? r : null, "the terminated call");
        Assert.Equal(0, await keepAlive.RunOnceAsync(CancellationToken.None));
        Assert.Null(await store.GetAsync(TeamsMeetBot.Storage.StoreTables.Calls, CallKeepAlive.Partition, call.CallId, CallsJsonContext.Default.ActiveCall, CancellationToken.None));
    }
}
