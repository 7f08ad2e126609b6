using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Cards;

namespace TeamsMeetBot.Conversation;

/// <summary>Runs card button presses by verb.</summary>
public sealed class CardActionHandler
{
    public Task<AdaptiveCardInvokeResponse> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(action.Verb switch
        {
            "help" => AdaptiveCardInvokeResponse.Card(HelpCard.Build()),
            _ => AdaptiveCardInvokeResponse.Message("This button is no longer supported. Type help to see what I can do."),
        });
    }
}
