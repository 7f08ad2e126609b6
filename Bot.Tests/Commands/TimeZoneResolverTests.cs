using System.Globalization;
using TeamsMeetBot.Commands;

namespace TeamsMeetBot.Tests.Commands;

public class TimeZoneResolverTests
{
    /// <summary>clientInfo.timezone, localTimezone, localTimestamp → zone id (or offset), assumed.</summary>
    public static TheoryData<string?, string?, string?, string, bool> Sources => new()
    {
        { "America/Los_Angeles", "Europe/Berlin", "2026-11-26T14:00:00-08:00", "America/Los_Angeles", false },
        { null, "Europe/Berlin", "2026-11-26T23:00:00+01:00", "Europe/Berlin", false },
        { "", "Asia/Kolkata", null, "Asia/Kolkata", false },
        { "Not/AZone", "Australia/Lord_Howe", null, "Australia/Lord_Howe", false },
        { "Not/AZone", "Also/Unknown", "2026-11-26T14:00:00-08:00", "UTC-08:00", false },
        { null, null, "2026-11-27T03:30:00+05:30", "UTC+05:30", false },
        { null, null, "2026-11-26T22:00:00+00:00", "UTC", false },
        { null, null, null, "UTC", true },
        { "Not/AZone", null, null, "UTC", true },
        { "UTC", null, null, "UTC", false },
        { "Pacific Standard Time", null, null, "Pacific Standard Time", false },
        { "W. Europe Standard Time", null, null, "W. Europe Standard Time", false },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Resolution_order_and_fallbacks(string? clientInfo, string? local, string? stamp, string expectedId, bool assumed)
    {
        var resolved = TimeZoneResolver.Resolve(clientInfo, local, stamp is null ? null : DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture));

        Assert.Equal(expectedId, resolved.Zone.Id);
        Assert.Equal(assumed, resolved.Assumed);
        Assert.StartsWith(expectedId, resolved.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_id_converts_like_its_iana_zone()
    {
        var windows = TimeZoneResolver.Resolve("Pacific Standard Time", null, null).Zone;
        var instant = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(-7), windows.GetUtcOffset(instant));
        Assert.Equal(TimeSpan.FromHours(-8), windows.GetUtcOffset(instant.AddMonths(5)));
    }

    [Fact]
    public void A_fixed_offset_zone_says_daylight_saving_is_unknown()
    {
        var resolved = TimeZoneResolver.Resolve(null, null, DateTimeOffset.Parse("2026-11-26T14:00:00-08:00", CultureInfo.InvariantCulture));

        Assert.Contains("daylight saving unknown", resolved.Description, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(-8), resolved.Zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Assumed_utc_says_so()
    {
        var resolved = TimeZoneResolver.Resolve(null, null, null);

        Assert.Same(TimeZoneInfo.Utc, resolved.Zone);
        Assert.Contains("assumed", resolved.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_zone_ids_from_messages_are_not_remembered()
    {
        Assert.True(TimeZoneResolver.TryFind("Europe/Paris", out _));
        int before = TimeZoneResolver.RememberedZoneCount;

        for (int i = 0; i < 50; i++)
        {
            Assert.False(TimeZoneResolver.TryFind("Nowhere/Place" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
        }

        Assert.True(TimeZoneResolver.RememberedZoneCount < before + 25); // other tests, running alongside, may add real zones
        Assert.True(TimeZoneResolver.TryFind("europe/paris", out var paris));
        Assert.Equal("Europe/Paris", paris.Id);
    }
}
