namespace TeamsMeetBot.Commands;

/// <summary>
/// Everything the command parser looks at. The parser is a pure function of this record: no clock, no I/O.
/// </summary>
/// <param name="Text">The message text with the bot's own mention already removed by the caller. Other people's
/// <c>&lt;at&gt;Name&lt;/at&gt;</c> markup is still present; HTML entities (<c>&amp;nbsp;</c>, <c>&amp;amp;</c>) may be too.</param>
/// <param name="Mentions">The non-bot mention entities, in the order Teams sent them.</param>
/// <param name="TimeZone">The sender's time zone (see <see cref="TimeZoneResolver"/>).</param>
/// <param name="TimeZoneAssumed">True when no zone was known and UTC was assumed.</param>
/// <param name="Locale">The sender's locale such as <c>en-US</c>; decides whether 12/3 is 3 December or 12 March.</param>
/// <param name="Now">The current instant (from the caller's <see cref="TimeProvider"/>).</param>
/// <param name="DefaultDuration">The meeting length used when the text names none.</param>
public sealed record CommandInput(
    string Text,
    IReadOnlyList<MentionInput> Mentions,
    TimeZoneInfo TimeZone,
    bool TimeZoneAssumed,
    string? Locale,
    DateTimeOffset Now,
    TimeSpan DefaultDuration);
