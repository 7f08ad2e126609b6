using TeamsMeetBot.BotFramework.Connector;

namespace TeamsMeetBot.Meetings;

/// <summary>What a person is told when Graph says no: each failure gets an answer someone can act on.</summary>
public static class MeetingReplies
{
    public static string ForFailure(GraphFailureException failure, string? appId, string? organizerId)
    {
        string reference = failure.RequestId is { Length: > 0 } id ? $" (Graph request-id {id})" : "";
        return failure.Kind switch
        {
            GraphFailureKind.NoApplicationAccessPolicy =>
                "I couldn't create the meeting: a Teams admin hasn't yet allowed this bot to create meetings on your behalf (no application access policy). " +
                "A Teams admin can fix it with Teams PowerShell:\n\n" +
                "```\nConnect-MicrosoftTeams\n" +
                $"New-CsApplicationAccessPolicy -Identity TeamsMeetBot-Policy -AppIds \"{appId ?? "<bot app id>"}\" -Description \"TeamsMeetBot\"\n" +
                $"Grant-CsApplicationAccessPolicy -PolicyName TeamsMeetBot-Policy -Identity \"{organizerId ?? "<your user object id>"}\"\n```\n\n" +
                "(or `Grant-CsApplicationAccessPolicy -PolicyName TeamsMeetBot-Policy -Global` for everyone). It can take up to 30 minutes to apply; then try again.",
            GraphFailureKind.Forbidden =>
                "I couldn't create the meeting: this bot isn't allowed to create online meetings in your organization. " +
                "An admin needs to grant the Microsoft Graph application permission OnlineMeetings.ReadWrite.All and give admin consent." + reference,
            GraphFailureKind.NotFound =>
                "I couldn't create the meeting: Microsoft Graph doesn't know you as a Teams user who can organize meetings " +
                "(usually a missing Teams licence, or an account from another organization). Ask your admin to check your Teams licence." + reference,
            GraphFailureKind.BadRequest =>
                "Microsoft Graph refused the meeting request: " + failure.Message + ". Try again with a different time or subject, or type help." + reference,
            GraphFailureKind.Throttled =>
                "Microsoft Teams is very busy and asked me to slow down. I retried a few times without luck; please try again in a minute.",
            GraphFailureKind.Timeout =>
                "Microsoft Graph didn't answer in time, so the meeting may not exist. Please try again in a minute.",
            _ =>
                "Microsoft Graph had a problem creating the meeting" + (failure.StatusCode is { } s ? $" (HTTP {s})" : "") + ". Please try again in a minute." + reference,
        };
    }

    /// <summary>The Bot Connector could not say who is in the conversation (the roster for "everyone", or a mentioned person).</summary>
    public static string ForAttendeeLookupFailure(ConnectorException failure, bool inviteEveryone)
    {
        string what = inviteEveryone ? "read who is in this conversation" : "look up the people you mentioned";
        string status = failure.StatusCode is { } s ? $" (HTTP {(int)s})" : "";
        return failure.RefusesConversationForGood
            ? $"I couldn't create the meeting: Teams didn't let me {what}{status}. " +
                (inviteEveryone
                    ? "Mention the people instead, e.g. “meet now with @Alice @Bob”, or say “meet now” and share the link."
                    : "Say “meet now” and share the link instead.")
            : $"I couldn't create the meeting: Teams {(failure.StatusCode is null ? "didn't answer" : "had a problem")} when I tried to {what}{status}. Please try again in a minute.";
    }
}
