using System.Globalization;

namespace TeamsMeetBot.Cards;

/// <summary>
/// Adaptive Card DATE/TIME functions: each viewer's client renders the instant in their own time
/// zone. They only accept RFC 3339 in UTC without fractions, e.g. <c>2026-11-27T23:00:00Z</c>.
/// </summary>
public static class CardTime
{
    public static string Rfc3339(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant, string format = "SHORT") => "{{DATE(" + Rfc3339(instant) + ", " + format + ")}}";

    public static string Time(DateTimeOffset instant) => "{{TIME(" + Rfc3339(instant) + ")}}";
}
