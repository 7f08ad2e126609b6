using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Scheduling;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Runs card button presses by verb. The card's data is untrusted: a meeting is looked up only in the
/// tenant and conversation the press came from, and the handler checks who pressed.
/// </summary>
public sealed class CardActionHandler(MeetingService meetings, SchedulingCardHandler schedulingCards)
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
                        ? AdaptiveCardInvokeResponse.Card(MeetingCard.Build(meeting))
                        : AdaptiveCardInvokeResponse.Message(message);
                }

            case SchedulingCard.CreateVerb:
                return await schedulingCards.HandleSubmitAsync(action, cancellationToken);

            default:
                return AdaptiveCardInvokeResponse.Message("This button is no longer supported. Type help to see what I can do.");
        }
    }
}
