using System.Text.Json.Nodes;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>One bot on a fixed clock for the whole table (rows run one after another).</summary>
public sealed class SchedulingTableFixture : IAsyncLifetime
{
    public SchedulingWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await SchedulingWorld.StartAsync(new Dictionary<string, string?> { ["Scheduling:RemindersEnabled"] = "false" });

    public async Task DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// The black-box check: scheduling commands written the way people write them, from senders in several zones and
/// locales (clientInfo.timezone, else localTimezone, else localTimestamp's offset, else UTC), must put the start and end a
/// person expects into the createOrGet request recorded by the simulated Graph; impossible or past times get an explanation
/// and no Graph request at all. The clock is fixed at Wed 4 Mar 2026 16:00 UTC.
/// </summary>
public sealed class SchedulingCommandTableTests(SchedulingTableFixture fixture) : IClassFixture<SchedulingTableFixture>
{
    /// <summary>How the sender's zone reaches the bot.</summary>
    public enum ZoneSource
    {
        ClientInfo,
        LocalTimezoneOnly,
        LocalTimestampOnly,
        Nothing,
    }

    public static TheoryData<string, ZoneSource, string, string, string?, string?> Rows => new()
    {
        // text, how the zone arrives, zone (or the localTimestamp), locale, expected start UTC, expected end UTC (null: refused)
        { "meet tomorrow at 3pm for 45 min with <at>Bob Brown</at> about the release", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-03-05T23:00Z", "2026-03-05T23:45Z" },
        { "meet at 4:30 pm", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-03-05T00:30Z", "2026-03-05T01:00Z" },
        { "meet on Monday at 9am", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-03-09T16:00Z", "2026-03-09T16:30Z" },
        { "meet on Sunday at 2:30am", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-03-08T10:30Z", "2026-03-08T11:00Z" },
        { "meet 12/3 2pm", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-12-03T22:00Z", "2026-12-03T22:30Z" },
        { "meet between 10 and 11 tomorrow", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-03-05T18:00Z", "2026-03-05T19:00Z" },
        { "meet 2026-12-03 14:00 for 1h30", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", "2026-12-03T22:00Z", "2026-12-03T23:30Z" },
        { "meet 12/3 2pm", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", "2026-03-12T13:00Z", "2026-03-12T13:30Z" },
        { "meet tomorrow at 9 for an hour", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", "2026-03-05T08:00Z", "2026-03-05T09:00Z" },
        { "meet from 2 to 3:30pm tomorrow", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", "2026-03-05T13:00Z", "2026-03-05T14:30Z" },
        { "meet 2-3:30pm tomorrow", ZoneSource.ClientInfo, "Europe/Berlin", "en-GB", "2026-03-05T13:00Z", "2026-03-05T14:30Z" },
        { "meet on Friday at 10", ZoneSource.ClientInfo, "Europe/Berlin", "en-GB", "2026-03-06T09:00Z", "2026-03-06T09:30Z" },
        { "meet on 29 March at 02:30", ZoneSource.ClientInfo, "Europe/Berlin", "en-GB", "2026-03-29T01:30Z", "2026-03-29T02:00Z" },
        { "meet 3/12 at 14:00", ZoneSource.ClientInfo, "Europe/London", "en-GB", "2026-12-03T14:00Z", "2026-12-03T14:30Z" },
        { "meet tomorrow at 10:00 for 1h30", ZoneSource.ClientInfo, "Asia/Kolkata", "en-IN", "2026-03-05T04:30Z", "2026-03-05T06:00Z" },
        { "meet in 2 hours", ZoneSource.ClientInfo, "Asia/Kolkata", "en-IN", "2026-03-04T18:00Z", "2026-03-04T18:30Z" },
        { "meet in 20 minutes for 15 min", ZoneSource.ClientInfo, "Asia/Kolkata", "en-IN", "2026-03-04T16:20Z", "2026-03-04T16:35Z" },
        { "meet tomorrow at noon", ZoneSource.ClientInfo, "Australia/Lord_Howe", "en-AU", "2026-03-06T01:00Z", "2026-03-06T01:30Z" },
        { "meet on 5 April at 01:45", ZoneSource.ClientInfo, "Australia/Lord_Howe", "en-AU", "2026-04-04T14:45Z", "2026-04-04T15:15Z" },
        { "meet at 9am", ZoneSource.LocalTimezoneOnly, "Asia/Tokyo", "ja-JP", "2026-03-05T00:00Z", "2026-03-05T00:30Z" },
        { "meet at 23:00", ZoneSource.LocalTimestampOnly, "2026-03-04T21:30:00+05:30", "en-US", "2026-03-04T17:30Z", "2026-03-04T18:00Z" },
        { "meet today 17:00", ZoneSource.Nothing, "", "en-US", "2026-03-04T17:00Z", "2026-03-04T17:30Z" },
        { "meet tomorrow at 9am for 45 minutes", ZoneSource.ClientInfo, "America/New_York", "en-US", "2026-03-05T14:00Z", "2026-03-05T14:45Z" },
        // Impossible or past: explained, no Graph request.
        { "meet yesterday at 3pm", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", null, null },
        { "meet today at 9am", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", null, null },
        { "meet tomorrow from 3pm to 2pm", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", null, null },
        { "meet tomorrow at 10 for 25 hours", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", null, null },
        { "meet on 3 Dec 2027 at 10:00", ZoneSource.ClientInfo, "Asia/Kolkata", "en-IN", null, null },
        { "meet at 25:00", ZoneSource.ClientInfo, "Europe/Berlin", "de-DE", null, null },
        { "meet on Feb 30 at 10", ZoneSource.ClientInfo, "America/Los_Angeles", "en-US", null, null },
        { "meet from 2 to 3pm for 2 hours tomorrow", ZoneSource.ClientInfo, "Europe/Berlin", "en-GB", null, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_scheduling_command_reaches_Graph_with_the_start_and_end_the_sender_meant(
        string text, ZoneSource source, string zone, string locale, string? expectedStart, string? expectedEnd)
    {
        var world = fixture.World;
        var activity = TestActivities.GroupChat(world.Connector.ServiceUrl, "<at>TeamsMeetBot</at> " + text);
        _ = source switch
        {
            ZoneSource.ClientInfo => SchedulingHost.WithZone(activity, zone, null, locale),
            ZoneSource.LocalTimezoneOnly => SchedulingHost.WithZone(activity, null, zone, locale),
            ZoneSource.LocalTimestampOnly => SchedulingHost.WithZone(activity, null, null, locale, localTimestamp: zone),
            _ => SchedulingHost.WithZone(activity, null, null, locale),
        };
        string activityId = (string)activity["id"]!;
        string externalId = ExternalIds.ForActivity(PlaygroundTeam.TenantId, (string)activity["conversation"]!["id"]!, activityId);
        int requestsBefore = (await world.GraphRequestsAsync()).Count;

        using var response = await TestActivities.PostAsync(world.Client, activity);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var requests = await world.GraphRequestsAsync();
        var reply = Assert.Single(world.RepliesTo(activityId));
        if (expectedStart is null)
        {
            Assert.Equal(requestsBefore, requests.Count);
            string said = reply.Activity.Text + SchedulingWorld.Texts(reply.Activity.Attachments?.FirstOrDefault()?.Content);
            Assert.Contains("I couldn't set that meeting up", said, StringComparison.Ordinal);
            return;
        }

        var create = Assert.Single(requests, r => r.Path.EndsWith("/onlineMeetings/createOrGet", StringComparison.Ordinal) && (string?)r.Body?["externalId"] == externalId);
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create(expectedStart)), SchedulingWorld.Instant(create.Body!["startDateTime"]));
        Assert.Equal(SchedulingWorld.Instant(JsonValue.Create(expectedEnd)), SchedulingWorld.Instant(create.Body["endDateTime"]));
        CardValidator.AssertValid(reply.Activity.Attachments![0].Content!);
    }
}
