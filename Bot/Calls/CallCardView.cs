namespace TeamsMeetBot.Calls;

/// <summary>What the meeting card shows about calling: the call buttons (calling is set up) and the meeting's current call, if any.</summary>
/// <param name="Call">The meeting's current (or last) call; null when the bot never joined.</param>
/// <param name="Now">When the card is rendered (durations and ring timeouts are computed against it).</param>
/// <param name="RingTimeout">After this long, someone still ringing is shown as "did not answer".</param>
public sealed record CallCardView(CallRecord? Call, DateTimeOffset Now, TimeSpan RingTimeout);
