namespace TeamsMeetBot.LocalGraph;

/// <summary>The <c>$defs</c> names in the Graph schema files that the simulated Graph validates against.</summary>
public static class GraphSchemaDefinitions
{
    public const string OnlineMeeting = "microsoft.graph.onlineMeeting";

    public const string CreateOrGetOnlineMeeting = "action.Collection(onlineMeeting).createOrGet";

    public const string Call = "microsoft.graph.call";

    public const string InviteParticipants = "action.Collection(participant).invite";

    public const string CommsNotifications = "microsoft.graph.commsNotifications";
}
