using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Cards;

namespace TeamsMeetBot.Conversation;

/// <summary>Turns a message into a command and runs it.</summary>
public sealed class CommandHandler(BotMessenger messenger)
{
    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        string text = ActivityText.CommandText(activity);
        bool isGroup = !string.Equals(activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        bool askedForHelp = text.Length == 0 || string.Equals(text.TrimEnd('?', '!', '.'), "help", StringComparison.OrdinalIgnoreCase);
        var card = HelpCard.Build(askedForHelp ? null : text, askedForHelp ? null : "help", isGroup);
        await messenger.ReplyCardAsync(activity, card, cancellationToken);
    }
}
