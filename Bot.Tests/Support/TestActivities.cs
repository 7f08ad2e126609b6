using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Tests.Support;

/// <summary>Captured Teams/Playground activities, re-pointed at a test's fake connector, ready to post.</summary>
public static class TestActivities
{
    /// <summary>
    /// Loads a captured activity, gives it a fresh id and the fake connector's serviceUrl, and lets the
    /// test change anything else (text, from, value…).
    /// </summary>
    public static JsonObject Load(string folder, string file, string serviceUrl, string? text = null, Action<JsonObject>? change = null)
    {
        var activity = JsonNode.Parse(SharedData.ActivityJson(folder, file))!.AsObject();
        activity["id"] = Guid.NewGuid().ToString();
        activity["serviceUrl"] = serviceUrl;
        if (text is not null)
        {
            activity["text"] = text;
        }

        change?.Invoke(activity);
        return activity;
    }

    public static JsonObject GroupChat(string serviceUrl, string text) =>
        Load("playground-captures", "to-bot-08-message-groupChat-with-mentions.json", serviceUrl, text);

    public static JsonObject Personal(string serviceUrl, string text) =>
        Load("playground-captures", "to-bot-03-message-personal-meet-now.json", serviceUrl, text);

    /// <summary>An <c>adaptiveCard/action</c> invoke from the group chat with the given verb and data.</summary>
    public static JsonObject Invoke(string serviceUrl, string verb, JsonObject data, string? replyToId = null) =>
        Load("playground-captures", "to-bot-10-invoke-groupChat-ActionExecute.json", serviceUrl, change: a =>
        {
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = verb, ["verb"] = verb, ["data"] = data } };
            if (replyToId is not null)
            {
                a["replyToId"] = replyToId;
            }
        });

    public static void SetFrom(JsonObject activity, string id, string name, string? aadObjectId) =>
        activity["from"] = new JsonObject { ["id"] = id, ["name"] = name, ["aadObjectId"] = aadObjectId };

    public static void SetTimeZone(JsonObject activity, string zone)
    {
        activity["localTimezone"] = zone;
        foreach (var entity in activity["entities"]?.AsArray() ?? [])
        {
            if ((string?)entity?["type"] == "clientInfo")
            {
                entity!["timezone"] = zone;
            }
        }
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> PostInvokeAsync(HttpClient client, JsonObject activity)
    {
        using var response = await PostAsync(client, activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json").MediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
