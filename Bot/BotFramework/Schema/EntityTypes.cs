namespace TeamsMeetBot.BotFramework.Schema;

public static class EntityTypes
{
    public const string Mention = "mention";
    public const string ClientInfo = "clientInfo";
}
