namespace TeamsMeetBot.Meetings;

/// <summary>
/// A channel's note of one of its meetings: each thread of a channel is a conversation of its own, and a meeting is
/// stored under the thread it was made in; this entry, stored under the channel, lets a new post ("list meetings",
/// "cancel the standup") find it. It expires with the meeting.
/// </summary>
/// <param name="Key">The meeting's key (its row in the thread's partition).</param>
/// <param name="ThreadConversationId">The thread's conversation id, <c>19:…@thread.tacv2;messageid=…</c>.</param>
public sealed record ChannelMeetingEntry(string Key, string ThreadConversationId);
