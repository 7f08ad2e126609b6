using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Conversation;

/// <summary>What the command parser gets from an activity: the people mentioned, without the bot itself.</summary>
public sealed class CommandInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string[]> Captures => new()
    {
        // folder, file, the mentions the parser gets (id|name|text|tag)
        { "playground-captures", "to-bot-08-message-groupChat-with-mentions.json", ["29:alice-id|Alice Anders|<at>Alice Anders</at>|False", "29:bob-id|Bob Brown|<at>Bob Brown</at>|False"] },
        { "playground-captures", "to-bot-03-message-personal-meet-now.json", [] },
        { "teams-payloads", "channel-message-bot-mention.json", [] },
        { "teams-payloads", "personal-message.json", [] },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Captured_activities_give_the_people_mentioned_but_not_the_bot(string folder, string file, string[] expected)
    {
        var activity = JsonSerializer.Deserialize(SharedData.ActivityJson(folder, file), BotJsonContext.Default.Activity)!;

        var input = CommandHandler.ToCommandInput(activity, Now, TimeSpan.FromMinutes(30));

        Assert.Equal(expected, input.Mentions.Select(Describe));
    }

    [Fact]
    public void Mentions_keep_their_order_and_skip_the_bot_in_any_case_entries_without_an_id_and_other_entities()
    {
        var json = JsonNode.Parse(SharedData.ActivityJson("playground-captures", "to-bot-08-message-groupChat-with-mentions.json"))!.AsObject();
        var entities = json["entities"]!.AsArray();
        string botId = (string)json["recipient"]!["id"]!;
        entities.Insert(0, new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = botId.ToUpperInvariant(), ["name"] = "TeamsMeetBot" }, ["text"] = "<at>TeamsMeetBot</at>" });
        entities.Add(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = "", ["name"] = "Nobody" }, ["text"] = "<at>Nobody</at>" });
        entities.Add(new JsonObject { ["type"] = "Mention", ["mentioned"] = new JsonObject { ["id"] = "tag-oncall", ["name"] = "On-call & DB", ["type"] = "tag" } });
        var activity = JsonSerializer.Deserialize(json.ToJsonString(), BotJsonContext.Default.Activity)!;

        var input = CommandHandler.ToCommandInput(activity, Now, TimeSpan.FromMinutes(30));

        Assert.Equal(
            ["29:alice-id|Alice Anders|<at>Alice Anders</at>|False", "29:bob-id|Bob Brown|<at>Bob Brown</at>|False", "tag-oncall|On-call & DB|<at>On-call &amp; DB</at>|True"],
            input.Mentions.Select(Describe));
    }

    private static string Describe(MentionInput m) => $"{m.Id}|{m.Name}|{m.Text}|{m.IsTag}";
}
