using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace TeamsMeetBot.LocalGraph;

/// <summary>Teams tags of the simulated Graph, from <see cref="LocalGraphOptions.Tags"/>.</summary>
internal static class SimulatedTeamworkEndpoints
{
    /// <summary>
    /// <c>GET /teams/{teamId}/tags</c> → a <c>teamworkTag</c> collection. A configured tag's key is both its
    /// id and its display name (what a tag mention shows, e.g. "oncall-db").
    /// </summary>
    public static IResult Tags(string teamId, [FromServices] LocalGraphBehavior behavior)
    {
        var value = new JsonArray();
        foreach (var (tagId, members) in behavior.Current.Tags)
        {
            value.Add(new JsonObject
            {
                ["id"] = tagId,
                ["teamId"] = teamId,
                ["displayName"] = tagId,
                ["description"] = null,
                ["memberCount"] = members.Count,
                ["tagType"] = "standard",
            });
        }

        return GraphResponses.Json(new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#teams('{teamId}')/tags",
            ["value"] = value,
        }, StatusCodes.Status200OK);
    }

    /// <summary><c>GET /teams/{teamId}/tags/{tagId}/members</c> → a <c>teamworkTagMember</c> collection.</summary>
    public static IResult TagMembers(string teamId, string tagId, HttpContext context, [FromServices] LocalGraphBehavior behavior, [FromServices] TimeProvider time)
    {
        var options = behavior.Current;
        if (!options.Tags.TryGetValue(tagId, out var members))
        {
            return GraphResponses.NotFound(context, time, $"The tag '{tagId}' was not found in team '{teamId}'.");
        }

        var value = new JsonArray();
        foreach (var member in members)
        {
            options.Users.TryGetValue(member.UserId, out var user);
            value.Add(new JsonObject
            {
                ["id"] = member.Id is { Length: > 0 } id ? id : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tagId}##{member.UserId}")).TrimEnd('='),
                ["displayName"] = member.DisplayName is { Length: > 0 } name ? name : user?.DisplayName,
                ["userId"] = member.UserId,
                ["tenantId"] = member.TenantId is { Length: > 0 } tenant ? tenant : options.TenantId,
            });
        }

        var collection = new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#teams('{teamId}')/tags('{tagId}')/members",
            ["@odata.count"] = value.Count,
            ["value"] = value,
        };
        return GraphResponses.Json(collection, StatusCodes.Status200OK);
    }
}
