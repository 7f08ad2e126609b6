using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Playground;

/// <summary>
/// The Playground's internal HTTP API, called exactly as its web UI calls it (see
/// shared/playground-captures/ui-to-server-http.json): install, send a message (with mentions), press a button.
/// </summary>
public sealed class PlaygroundApi(PlaygroundFixture playground)
{
    /// <summary>POST /_debug/conversation/{id}/installation: the Playground sends installationUpdate and conversationUpdate.</summary>
    public async Task InstallAsync(string conversationId)
    {
        await PostAsync($"_debug/conversation/{conversationId}/installation", new JsonObject());
    }

    /// <summary>
    /// Sends a message as the current user. Each name in <paramref name="mentions"/> ("TeamsMeetBot",
    /// "Alice Anders") becomes a real mention entity whose <c>&lt;at&gt;Name&lt;/at&gt;</c> text must appear in <paramref name="text"/>.
    /// Returns the Playground's answer (<c>messageId</c>, and <c>postConversationId</c> for a new channel post).
    /// </summary>
    public async Task<JsonObject> SendAsync(string conversationId, string text, params string[] mentions)
    {
        var entities = new JsonArray();
        foreach (string name in mentions)
        {
            string id = name == playground.BotName ? playground.BotId : (string)playground.User(name)["id"]!;
            string markup = "<at>" + name + "</at>";
            Assert.Contains(markup, text, StringComparison.Ordinal);
            entities.Add(new JsonObject { ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name }, ["text"] = markup });
        }

        var body = new JsonObject
        {
            ["type"] = "text",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["from"] = new JsonObject { ["id"] = playground.CurrentUserId },
        };
        if (entities.Count > 0)
        {
            body["mentions"] = entities;
        }

        return (await PostAsync($"_conversation/v1/conversations/{conversationId}/messages", body))!.AsObject();
    }

    /// <summary>Presses an Action.Execute button of a posted card; returns the bot's invoke response (<c>{type, value}</c>).</summary>
    public async Task<JsonObject> ExecuteAsync(string conversationId, string cardMessageId, JsonObject action)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["title"] = action["title"]?.DeepClone(),
                    ["verb"] = action["verb"]?.DeepClone(),
                    ["data"] = action["data"]?.DeepClone(),
                },
            },
            ["from"] = new JsonObject { ["id"] = playground.CurrentUserId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = cardMessageId,
        };
        return (await PostAsync("_conversation/v1/invoke", body))!.AsObject();
    }

    private async Task<JsonNode?> PostAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await playground.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} → {(int)response.StatusCode} {text}\nPlayground log:\n{playground.LogTail}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
