using System.Text.Json.Nodes;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>Builds the meeting card with its call section from the store, so whichever instance renders shows the latest call state.</summary>
public sealed class MeetingCardRenderer(CallingSetup setup, CallStore calls, TimeProvider timeProvider)
{
    public async Task<JsonObject> BuildAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var call = setup.IsConfigured
            ? await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken)
            : null;
        return Build(meeting, call);
    }

    /// <summary>
    /// The first card of a meeting created in this turn: no call can belong to it yet, so the store is not asked (a
    /// read on the critical path of every new meeting). The card is the one <see cref="BuildAsync"/> builds without a call.
    /// </summary>
    public JsonObject BuildForNewMeeting(MeetingRecord meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return Build(meeting, call: null);
    }

    private JsonObject Build(MeetingRecord meeting, CallRecord? call) => setup.IsConfigured
        ? MeetingCard.Build(meeting, new CallCardView(call, timeProvider.GetUtcNow(), setup.RingTimeout))
        : MeetingCard.Build(meeting);
}
