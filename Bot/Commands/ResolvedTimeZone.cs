namespace TeamsMeetBot.Commands;

/// <summary>The sender's time zone, whether it was assumed (UTC fallback), and how it was found, for the card.</summary>
public readonly record struct ResolvedTimeZone(TimeZoneInfo Zone, bool Assumed, string Description);
