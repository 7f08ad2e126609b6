namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>Operation names used in logs, exceptions and the <c>operation</c> metric tag.</summary>
public static class ConnectorOperations
{
    public const string SendToConversation = "SendToConversation";
    public const string ReplyToActivity = "ReplyToActivity";
    public const string UpdateActivity = "UpdateActivity";
    public const string DeleteActivity = "DeleteActivity";
    public const string GetMember = "GetMember";
    public const string GetTeam = "GetTeam";
    public const string GetPagedMembers = "GetPagedMembers";
    public const string CreateConversation = "CreateConversation";
}
