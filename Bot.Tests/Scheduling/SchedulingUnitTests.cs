using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Scheduling;

namespace TeamsMeetBot.Tests.Scheduling;

/// <summary>Reminder bucket keys, settings validation and time-zone ids carried in card data.</summary>
public sealed class SchedulingUnitTests
{
    [Fact]
    public void Buckets_are_the_UTC_minute_and_cover_a_range_inclusively()
    {
        var due = new DateTimeOffset(2026, 3, 5, 10, 59, 59, TimeSpan.FromHours(1));

        Assert.Equal("due-202603050959", ReminderKeys.BucketFor(due));
        var minutes = ReminderKeys.MinutesBetween(due.AddMinutes(-2), due).Select(ReminderKeys.BucketFor).ToList();
        Assert.Equal(["due-202603050957", "due-202603050958", "due-202603050959"], minutes);
    }

    public static TheoryData<string, string, bool> Settings => new()
    {
        { "Scheduling:ReminderLeadTime", "00:01:00", true },
        { "Scheduling:ReminderLeadTime", "-00:01:00", false },
        { "Scheduling:ReminderLeadTime", "2.00:00:00", false },
        { "Scheduling:ReminderPollInterval", "00:00:00", false },
        { "Scheduling:ReminderPollInterval", "00:00:05", true },
        { "Scheduling:ReminderLease", "00:00:01", false },
        { "Scheduling:ReminderCatchUp", "3.00:00:00", false },
        { "Scheduling:ReminderRescan", "02:00:00", false },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Out_of_range_settings_stop_startup_with_a_clear_message(string key, string value, bool accepted)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection();

        var error = Record.Exception(() => { services.AddScheduling(configuration); });

        if (accepted)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(key, Assert.IsType<ConfigurationException>(error).Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, bool, double?> ZoneIds => new()
    {
        { "Europe/Berlin", true, null },
        { "UTC", true, 0 },
        { "UTC+05:30", true, 5.5 },
        { "UTC-03:00", true, -3 },
        { "UTC+15:00", false, null },
        { "UTC+5:30", false, null },
        { "Mars/Olympus_Mons", false, null },
        { "../../etc/passwd", false, null },
    };

    [Theory]
    [MemberData(nameof(ZoneIds))]
    public void Card_time_zone_ids_are_known_zones_or_the_bots_own_fixed_offsets(string id, bool known, double? offsetHours)
    {
        bool found = SchedulingSubmission.TryZone(id, out var zone);

        Assert.Equal(known, found);
        if (offsetHours is { } hours)
        {
            Assert.Equal(TimeSpan.FromHours(hours), zone.BaseUtcOffset);
        }
    }
}
