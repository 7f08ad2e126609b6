namespace TeamsMeetBot.BotFramework.Schema;

/// <summary><c>conversation.conversationType</c> values Teams sends.</summary>
public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}
