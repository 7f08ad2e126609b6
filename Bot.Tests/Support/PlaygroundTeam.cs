using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Tests.Support;

/// <summary>The five users of shared/playground-captures/m365agentsplayground.yml, as the Connector returns them.</summary>
public static class PlaygroundTeam
{
    public const string TenantId = "11111111-1111-1111-1111-111111111111";
    public const string OrganizerAad = "aaaaaaaa-0000-0000-0000-000000000000";

    public static readonly TeamsChannelAccount Olivia = Member("29:organizer-id", "Olivia Organizer", OrganizerAad, "olivia@contoso.example");
    public static readonly TeamsChannelAccount Alice = Member("29:alice-id", "Alice Anders", "aaaaaaaa-0000-0000-0000-000000000001", "alice@contoso.example");
    public static readonly TeamsChannelAccount Bob = Member("29:bob-id", "Bob Brown", "aaaaaaaa-0000-0000-0000-000000000002", "bob@contoso.example");
    public static readonly TeamsChannelAccount Carol = Member("29:carol-id", "Carol Chen", "aaaaaaaa-0000-0000-0000-000000000003", "carol@contoso.example");

    public static readonly IReadOnlyList<TeamsChannelAccount> All = [Olivia, Alice, Bob, Carol];

    public static void AddTo(FakeConnector connector)
    {
        foreach (var member in All)
        {
            connector.AddMember(member);
        }
    }

    private static TeamsChannelAccount Member(string id, string name, string aad, string upn) => new()
    {
        Id = id,
        Name = name,
        AadObjectId = aad,
        UserPrincipalName = upn,
        Email = upn,
        TenantId = TenantId,
    };
}
