using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Calls;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Scheduling;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Runs card button presses by verb. The card's data is untrusted: a meeting is looked up only in the
/// tenant and conversation the press came from, and the handler checks who pressed.
/// </summary>
public sealed class CardActionHandler(MeetingService meetings, CallService calls, MeetingCardRenderer cards, SchedulingCardHandler schedulingCards)
{
    public async Task<AdaptiveCardInvokeResponse> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        switch (action.Verb)
        {
            case "help":
                return AdaptiveCardInvokeResponse.Card(HelpCard.Build());
            case MeetingCard.CancelVerb:
                {
                    string? key = action.GetString("meetingKey");
                    if (string.IsNullOrEmpty(key))
                    {
                        return AdaptiveCardInvokeResponse.Message("That button doesn't say which meeting to cancel. Type cancel instead.");
                    }

                    var (message, meeting) = await meetings.CancelAsync(action.Activity, key, cancellationToken);
                    return meeting is { Status: MeetingStatus.Cancelled }
                        ? AdaptiveCardInvokeResponse.Card(await cards.BuildAsync(meeting, cancellationToken))
                        : AdaptiveCardInvokeResponse.Message(message);
                }

            case MeetingCard.JoinCallVerb or MeetingCard.RingVerb or MeetingCard.LeaveCallVerb:
                {
                    string? key = action.GetString("meetingKey");
                    if (string.IsNullOrEmpty(key))
                    {
                        return AdaptiveCardInvokeResponse.Message("That button doesn't say which meeting it is for. Type join, ring or leave instead.");
                    }

                    var result = action.Verb switch
                    {
                        MeetingCard.JoinCallVerb => await calls.JoinAsync(action.Activity, key, cancellationToken),
                        MeetingCard.RingVerb => await calls.RingAsync(action.Activity, key, targets: null, typedNames: null, cancellationToken),
                        _ => await calls.LeaveAsync(action.Activity, key, cancellationToken),
                    };
                    return result.ChangedMeeting is { } changed && action.IsInvoke
                        ? AdaptiveCardInvokeResponse.Card(await cards.BuildAsync(changed, cancellationToken))
                        : AdaptiveCardInvokeResponse.Message(result.Message);
                }

            case SchedulingCard.CreateVerb:
                return await schedulingCards.HandleSubmitAsync(action, cancellationToken);

            default:
                return AdaptiveCardInvokeResponse.Message("This button is no longer supported. Type help to see what I can do.");
        }
    }
}
