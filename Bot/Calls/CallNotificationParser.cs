using System.Text.Json;
using System.Text.Json.Nodes;

namespace TeamsMeetBot.Calls;

/// <summary>
/// Reads Graph's <c>commsNotifications</c> envelope (reference §2.4) leniently: only <c>changeType</c> and
/// <c>resourceUrl</c> are declared, everything else is dynamic, so unknown members and unknown resources are
/// skipped rather than rejected. Enum values are compared case-insensitively (the Comms SDK and Graph differ).
/// </summary>
public static class CallNotificationParser
{
    /// <summary>The notifications in <paramref name="body"/>; null when it is not a commsNotifications envelope.</summary>
    public static IReadOnlyList<CallNotification>? Parse(JsonNode? body)
    {
        if (body is not JsonObject envelope || envelope["value"] is not JsonArray items)
        {
            return null;
        }

        var parsed = new List<CallNotification>(items.Count);
        foreach (var item in items)
        {
            if (item is JsonObject notification && ParseOne(notification) is { } one)
            {
                parsed.Add(one);
            }
        }

        return parsed;
    }

    private static CallNotification? ParseOne(JsonObject notification)
    {
        string changeType = String(notification["changeType"]) ?? "";
        string? resource = String(notification["resourceUrl"]) ?? String(notification["resource"]);
        if (resource is null || !TrySplit(resource, out string callId, out string? collection, out string? itemId))
        {
            return null;
        }

        var data = notification["resourceData"];
        switch (collection)
        {
            case null:
                {
                    string? state = String(data?["state"]);
                    bool deleted = string.Equals(changeType, "deleted", StringComparison.OrdinalIgnoreCase);
                    var mapped = deleted || string.Equals(state, "terminated", StringComparison.OrdinalIgnoreCase) ? CallState.Terminated
                        : string.Equals(state, "established", StringComparison.OrdinalIgnoreCase) ? CallState.Established
                        : string.Equals(state, "establishing", StringComparison.OrdinalIgnoreCase) ? CallState.Establishing
                        : (CallState?)null;
                    return mapped is null ? null : new CallStateNotification(callId, mapped.Value, mapped == CallState.Terminated ? EndReason(data?["resultInfo"]) : null);
                }

            case "participants" when itemId is null && data is JsonArray roster:
                return new RosterNotification(callId, roster.OfType<JsonObject>().Select(Participant).OfType<CallParticipant>().ToList());
            case "operations" when data is JsonObject operation
                && (String(operation["@odata.type"])?.EndsWith("inviteParticipantsOperation", StringComparison.OrdinalIgnoreCase) ?? false):
                {
                    var users = (operation["participants"] as JsonArray ?? [])
                        .Select(p => String(p?["identity"]?["user"]?["id"]))
                        .OfType<string>()
                        .ToList();
                    bool failed = string.Equals(String(operation["status"]), "failed", StringComparison.OrdinalIgnoreCase);
                    return new InviteOperationNotification(callId, users, failed);
                }

            default:
                return null;
        }
    }

    private static CallParticipant? Participant(JsonObject participant)
    {
        var identity = participant["info"]?["identity"];
        if (identity is null)
        {
            return null;
        }

        string? id = String(participant["id"]);
        bool inLobby = participant["isInLobby"] is JsonValue lobby && lobby.TryGetValue(out bool isInLobby) && isInLobby;
        if (identity["user"] is JsonObject user)
        {
            return new CallParticipant(id, String(user["id"]), String(user["displayName"]) ?? "", IsBot: false, inLobby);
        }

        if (identity["application"] is JsonObject application)
        {
            return new CallParticipant(id, String(application["id"]), String(application["displayName"]) ?? "", IsBot: true, inLobby);
        }

        var other = identity["phone"] ?? identity["guest"] ?? identity["device"];
        return new CallParticipant(id, null, String(other?["displayName"]) ?? "", IsBot: false, inLobby);
    }

    private static string? EndReason(JsonNode? resultInfo)
    {
        if (resultInfo is null)
        {
            return null;
        }

        // resultInfo.code sometimes arrives as a string (reference §2.3).
        string? code = resultInfo["code"]?.GetValueKind() is JsonValueKind.Number or JsonValueKind.String ? resultInfo["code"]!.ToString() : null;
        string? subcode = resultInfo["subcode"]?.GetValueKind() is JsonValueKind.Number or JsonValueKind.String ? resultInfo["subcode"]!.ToString() : null;
        string? message = String(resultInfo["message"]);
        return message ?? (code is null ? null : code + (subcode is null ? "" : "/" + subcode));
    }

    /// <summary>
    /// <c>/communications/calls/{id}[/{collection}[/{item}]]</c>, also with a version prefix, or the legacy <c>/app/calls/…</c>.
    /// </summary>
    internal static bool TrySplit(string resource, out string callId, out string? collection, out string? itemId)
    {
        callId = "";
        collection = null;
        itemId = null;
        var path = resource;
        int query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int calls = Array.FindIndex(segments, s => string.Equals(s, "calls", StringComparison.OrdinalIgnoreCase));
        if (calls < 1 || calls + 1 >= segments.Length
            || !(string.Equals(segments[calls - 1], "communications", StringComparison.OrdinalIgnoreCase) || string.Equals(segments[calls - 1], "app", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        callId = Uri.UnescapeDataString(segments[calls + 1]);
        collection = calls + 2 < segments.Length ? segments[calls + 2].ToLowerInvariant() : null;
        itemId = calls + 3 < segments.Length ? segments[calls + 3] : null;
        return callId.Length > 0;
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrEmpty(text) ? text : null;
}
