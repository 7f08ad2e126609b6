namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>Activity <c>type</c> values the bot handles.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string MessageReaction = "messageReaction";
    public const string Event = "event";
    public const string Typing = "typing";
    public const string InvokeResponse = "invokeResponse";
}
