using System.Text.Json;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Bench;

/// <summary>Activities shaped like the captured Teams / Agents Playground payloads, as raw JSON and parsed.</summary>
internal static class BenchActivities
{
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/11111111-1111-1111-1111-111111111111/";
    public const string TenantId = "11111111-1111-1111-1111-111111111111";

    /// <summary>A group-chat message with the bot's mention, two user mentions and clientInfo.</summary>
    public static string GroupMessage(string text, params (string Id, string Name)[] mentions)
    {
        var entities = new List<string>
        {
            """{"type":"mention","mentioned":{"id":"28:00000000-0000-0000-0000-00000000b0t1","name":"TeamsMeetBot"},"text":"<at>TeamsMeetBot</at>"}""",
        };
        entities.AddRange(mentions.Select(m => $$"""{"type":"mention","mentioned":{"id":"{{m.Id}}","name":"{{m.Name}}"},"text":"<at>{{m.Name}}</at>"}"""));
        entities.Add("""{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Europe/Berlin"}""");
        return $$$"""
            {"type":"message","text":"<at>TeamsMeetBot</at> {{{text}}}","id":"f8d9ac4f-d33c-4a01-9ff3-365de84af1f3",
             "from":{"id":"29:organizer-id","name":"Olivia Organizer","aadObjectId":"aaaaaaaa-0000-0000-0000-000000000000"},
             "timestamp":"2026-11-26T21:59:55.117Z","localTimestamp":"2026-11-26T22:59:55.117+01:00","localTimezone":"Europe/Berlin",
             "serviceUrl":"{{{ServiceUrl}}}",
             "conversation":{"isGroup":true,"conversationType":"groupChat","tenantId":"{{{TenantId}}}","id":"19:groupchat-meet@thread.v2"},
             "recipient":{"id":"28:00000000-0000-0000-0000-00000000b0t1","name":"TeamsMeetBot"},
             "textFormat":"plain","locale":"en-US","entities":[{{{string.Join(",", entities)}}}],
             "channelData":{"tenant":{"id":"{{{TenantId}}}"}},"channelId":"msteams"}
            """;
    }

    /// <summary>A one-to-one chat message without mentions.</summary>
    public static string PersonalMessage(string text) => $$$"""
        {"type":"message","text":"{{{text}}}","id":"1732658395117","from":{"id":"29:organizer-id","name":"Olivia Organizer","aadObjectId":"aaaaaaaa-0000-0000-0000-000000000000"},
         "timestamp":"2026-11-26T21:59:55.117Z","localTimestamp":"2026-11-26T22:59:55.117+01:00","localTimezone":"Europe/Berlin",
         "serviceUrl":"{{{ServiceUrl}}}","conversation":{"conversationType":"personal","tenantId":"{{{TenantId}}}","id":"a:1personal-chat-id"},
         "recipient":{"id":"28:00000000-0000-0000-0000-00000000b0t1","name":"TeamsMeetBot"},"textFormat":"plain","locale":"en-US",
         "entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Europe/Berlin"}],
         "channelData":{"tenant":{"id":"{{{TenantId}}}"}},"channelId":"msteams"}
        """;

    public static Activity Parse(string json) =>
        JsonSerializer.Deserialize(json, BotJsonContext.Default.Activity) ?? throw new InvalidOperationException("The benchmark activity did not parse.");
}
