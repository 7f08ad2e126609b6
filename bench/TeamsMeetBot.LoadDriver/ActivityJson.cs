using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>Inbound activities shaped like the captured Teams payloads (shared/playground-captures), built per request.</summary>
internal static class ActivityJson
{
    public const string TenantId = "11111111-1111-1111-1111-111111111111";
    public const string BotId = "28:00000000-0000-0000-0000-00000000b0t1";
    public const string OrganizerAad = "aaaaaaaa-0000-0000-0000-000000000000";

    /// <summary>"help" in a one-to-one chat.</summary>
    public static string PersonalHelp(string serviceUrl, string conversationId, string activityId, DateTimeOffset now) => $$$$"""
        {"type":"message","text":"help","id":"{{{{activityId}}}}","timestamp":"{{{{Stamp(now)}}}}","localTimestamp":"{{{{Stamp(now)}}}}","localTimezone":"UTC",
         "serviceUrl":"{{{{serviceUrl}}}}","channelId":"msteams",
         "from":{"id":"29:organizer-id","name":"Olivia Organizer","aadObjectId":"{{{{OrganizerAad}}}}"},
         "conversation":{"conversationType":"personal","tenantId":"{{{{TenantId}}}}","id":"{{{{conversationId}}}}"},
         "recipient":{"id":"{{{{BotId}}}}","name":"TeamsMeetBot"},"textFormat":"plain","locale":"en-US",
         "entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"UTC"}],
         "channelData":{"tenant":{"id":"{{{{TenantId}}}}"}}}
        """;

    /// <summary>"@TeamsMeetBot meet now with @Alice Anders @Bob Brown" in a group chat (real mention entities).</summary>
    public static string GroupMeetNow(string serviceUrl, string conversationId, string activityId, DateTimeOffset now) => $$$$"""
        {"type":"message","text":"<at>TeamsMeetBot</at> meet now with <at>Alice Anders</at> <at>Bob Brown</at>","id":"{{{{activityId}}}}",
         "timestamp":"{{{{Stamp(now)}}}}","localTimestamp":"{{{{Stamp(now)}}}}","localTimezone":"UTC","serviceUrl":"{{{{serviceUrl}}}}","channelId":"msteams",
         "from":{"id":"29:organizer-id","name":"Olivia Organizer","aadObjectId":"{{{{OrganizerAad}}}}"},
         "conversation":{"isGroup":true,"conversationType":"groupChat","tenantId":"{{{{TenantId}}}}","id":"{{{{conversationId}}}}"},
         "recipient":{"id":"{{{{BotId}}}}","name":"TeamsMeetBot"},"textFormat":"plain","locale":"en-US",
         "entities":[
          {"type":"mention","mentioned":{"id":"{{{{BotId}}}}","name":"TeamsMeetBot"},"text":"<at>TeamsMeetBot</at>"},
          {"type":"mention","mentioned":{"id":"29:alice-id","name":"Alice Anders"},"text":"<at>Alice Anders</at>"},
          {"type":"mention","mentioned":{"id":"29:bob-id","name":"Bob Brown"},"text":"<at>Bob Brown</at>"},
          {"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"UTC"}],
         "channelData":{"tenant":{"id":"{{{{TenantId}}}}"}}}
        """;

    /// <summary>The Connector's answers to GET members/{id} for the two mentioned people (the Playground's users).</summary>
    public static IReadOnlyDictionary<string, string> Members { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["29:alice-id"] = Member("29:alice-id", "Alice Anders", "aaaaaaaa-0000-0000-0000-000000000001", "alice@contoso.example"),
        ["29:bob-id"] = Member("29:bob-id", "Bob Brown", "aaaaaaaa-0000-0000-0000-000000000002", "bob@contoso.example"),
    };

    private static string Member(string id, string name, string aad, string upn) =>
        $$$"""{"id":"{{{id}}}","name":"{{{name}}}","aadObjectId":"{{{aad}}}","userPrincipalName":"{{{upn}}}","email":"{{{upn}}}","tenantId":"{{{TenantId}}}","userRole":"user"}""";

    private static string Stamp(DateTimeOffset now) => now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
}
