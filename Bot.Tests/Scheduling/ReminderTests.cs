using TeamsMeetBot.Scheduling;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>
/// Start reminders on a fake clock: stored with their due time, sent once at start minus the lead time, dropped on cancel,
/// moved on reschedule, sent by another instance after a restart or a crashed sender, and exactly once with two instances
/// on one database.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);
    private SchedulingWorld _world = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    private async Task<SchedulingWorld> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => _world = await SchedulingWorld.StartAsync(settings);

    private static Dictionary<string, string?> PollerOff() => new() { ["Scheduling:RemindersEnabled"] = "false" };

    private Task<string> CreateTomorrowAtTenAsync() => _world.SayAsync("meet tomorrow at 10:00 about the standup", "UTC");

    private Task<int> RunAsync(SchedulingHost? host = null) => (host ?? _world.Host).Service<ReminderDispatcher>().RunOnceAsync(CancellationToken.None);

    private void AssertOneReminder(DateTimeOffset start)
    {
        var reminder = Assert.Single(_world.ProactiveCards());
        CardValidator.AssertValid(reminder);
        string text = SchedulingWorld.Texts(reminder);
        Assert.Contains("Starting now — the standup", text, StringComparison.Ordinal);
        Assert.Contains("{{TIME(" + start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + ")}}", text, StringComparison.Ordinal);
        var join = Assert.Single(reminder["actions"]!.AsArray());
        Assert.Equal("Action.OpenUrl", (string?)join!["type"]);
        Assert.Equal("Join", (string?)join["title"]);
        Assert.StartsWith("https://teams.microsoft.com/", (string?)join["url"], StringComparison.Ordinal);
    }

    public static TheoryData<string?, int> LeadTimes => new() { { null, 1 }, { "00:05:00", 5 }, { "00:00:00", 0 } };

    [Theory]
    [MemberData(nameof(LeadTimes))]
    public async Task The_reminder_is_sent_once_at_the_start_minus_the_lead_time(string? leadSetting, int leadMinutes)
    {
        var settings = PollerOff();
        if (leadSetting is not null)
        {
            settings["Scheduling:ReminderLeadTime"] = leadSetting;
        }

        await StartAsync(settings);
        await CreateTomorrowAtTenAsync();
        var due = Start.AddMinutes(-leadMinutes);

        _world.Time.SetUtcNow(due.AddSeconds(-1));
        Assert.Equal(0, await RunAsync());
        Assert.Empty(_world.ProactiveCards());

        _world.Time.SetUtcNow(due);
        Assert.Equal(1, await RunAsync());
        _world.Time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await RunAsync());
        AssertOneReminder(Start);
    }

    [Fact]
    public async Task The_background_poller_sends_it_when_the_clock_reaches_the_due_time()
    {
        await StartAsync();
        await CreateTomorrowAtTenAsync();

        _world.Time.SetUtcNow(Start.AddMinutes(-1));
        await _world.Connector.WaitForActivitiesAsync(2, TimeSpan.FromSeconds(30));
        _world.Time.Advance(TimeSpan.FromSeconds(5));
        _world.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await RunAsync());

        AssertOneReminder(Start);
    }

    [Fact]
    public async Task A_cancelled_meeting_gets_no_reminder()
    {
        await StartAsync(PollerOff());
        await CreateTomorrowAtTenAsync();
        await _world.SayAsync("cancel", "UTC");

        _world.Time.SetUtcNow(Start);
        Assert.Equal(0, await RunAsync());

        Assert.Empty(_world.ProactiveCards());
        var reminders = _world.Host.Service<MeetingReminders>();
        Assert.Empty(await reminders.ReadBucketAsync(Start.AddMinutes(-1), CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_rescheduled_meeting_is_reminded_at_its_new_time_only()
    {
        await StartAsync(PollerOff());
        await CreateTomorrowAtTenAsync();
        await _world.SayAsync("reschedule to tomorrow 11:30", "UTC");
        var moved = Start.AddMinutes(90);

        _world.Time.SetUtcNow(Start);
        Assert.Equal(0, await RunAsync());
        Assert.Empty(_world.ProactiveCards());

        _world.Time.SetUtcNow(moved.AddMinutes(-1));
        Assert.Equal(1, await RunAsync());
        AssertOneReminder(moved);
    }

    [Fact]
    public async Task A_reminder_whose_meeting_moved_after_it_was_written_is_dropped_by_the_poller()
    {
        await StartAsync(PollerOff());
        await CreateTomorrowAtTenAsync();
        // A stale row, as left by a lead time reconfigured between scheduling and rescheduling.
        var reminders = _world.Host.Service<MeetingReminders>();
        var row = Assert.Single(await reminders.ReadBucketAsync(Start.AddMinutes(-1), CancellationToken.None).ToListAsync());
        await _world.SayAsync("reschedule to tomorrow 11:30", "UTC");
        var store = _world.Host.Service<TeamsMeetBot.Storage.IBotStore>();
        await store.UpsertAsync(TeamsMeetBot.Storage.StoreTables.Reminders, row.PartitionKey, row.RowKey, row.Value, SchedulingJsonContext.Default.StartReminder, null, CancellationToken.None);

        _world.Time.SetUtcNow(Start);
        Assert.Equal(0, await RunAsync());

        Assert.Empty(_world.ProactiveCards());
        var dropped = Assert.Single(await reminders.ReadBucketAsync(Start.AddMinutes(-1), CancellationToken.None).ToListAsync());
        Assert.Equal(ReminderState.Dropped, dropped.Value.State);
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_the_reminder_exactly_once()
    {
        await StartAsync();
        var (second, _) = _world.AddHost();
        await CreateTomorrowAtTenAsync();

        _world.Time.SetUtcNow(Start.AddMinutes(-1));
        int sent = 0;
        for (int round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(RunAsync(), RunAsync(second), RunAsync(), RunAsync(second));
            sent += results.Sum();
        }

        await _world.Connector.WaitForActivitiesAsync(2, TimeSpan.FromSeconds(30));
        Assert.InRange(sent, 0, 1);
        sent += (await Task.WhenAll(RunAsync(), RunAsync(second))).Sum();
        Assert.InRange(sent, 0, 1);
        AssertOneReminder(Start);
    }

    [Fact]
    public async Task After_a_restart_a_new_instance_on_the_same_database_still_sends_it()
    {
        await StartAsync(PollerOff());
        await CreateTomorrowAtTenAsync();
        await _world.StopHostAsync(_world.Host);

        _world.Time.SetUtcNow(Start.AddMinutes(-1).AddSeconds(20));
        _world.AddHost(PollerOff());
        Assert.Equal(1, await RunAsync());

        AssertOneReminder(Start);
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_sender_is_honoured_until_its_lease_expires_and_then_taken_over()
    {
        await StartAsync(PollerOff());
        await CreateTomorrowAtTenAsync();
        _world.Time.SetUtcNow(Start.AddMinutes(-1));
        var reminders = _world.Host.Service<MeetingReminders>();
        var row = Assert.Single(await reminders.ReadBucketAsync(Start.AddMinutes(-1), CancellationToken.None).ToListAsync());
        Assert.NotNull(await reminders.TryClaimAsync(row, "crashed-instance", CancellationToken.None));

        _world.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(0, await RunAsync());
        Assert.Empty(_world.ProactiveCards());

        _world.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await RunAsync());
        AssertOneReminder(Start);
    }

    [Fact]
    public async Task A_meeting_started_now_gets_no_reminder()
    {
        await StartAsync(PollerOff());
        await _world.SayAsync("meet now", "UTC");

        _world.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await RunAsync());
        Assert.Empty(_world.ProactiveCards());
    }
}
