using TeamsMeetBot.BotFramework.Connector;

namespace TeamsMeetBot.Meetings;

/// <summary>What a person is told when Graph says no: each failure gets an answer someone can act on.</summary>
public static class MeetingReplies
{
    /// <summary>What <see cref="ForFailure"/> says was being done when no other action is named.</summary>
    public const string Create = "create the meeting";

    /// <param name="action">What was being done, as in "I couldn't …": <see cref="Create"/>, "cancel the meeting", "change the meeting"…</param>
    public static string ForFailure(GraphFailureException failure, string? appId, string? organizerId, string action = Create)
    {
        string reference = failure.RequestId is { Length: > 0 } id ? $" (Graph request-id {id})" : "";
        bool creating = action == Create;
        return failure.Kind switch
        {
            GraphFailureKind.NoApplicationAccessPolicy =>
                $"I couldn't {action}: a Teams admin hasn't yet allowed this bot to create and change meetings on your behalf (no application access policy). " +
                "A Teams admin can fix it with Teams PowerShell:\n\n" +
                "```\nConnect-MicrosoftTeams\n" +
                $"New-CsApplicationAccessPolicy -Identity TeamsMeetBot-Policy -AppIds \"{appId ?? "<bot app id>"}\" -Description \"TeamsMeetBot\"\n" +
                $"Grant-CsApplicationAccessPolicy -PolicyName TeamsMeetBot-Policy -Identity \"{organizerId ?? "<your user object id>"}\"\n```\n\n" +
                "(or `Grant-CsApplicationAccessPolicy -PolicyName TeamsMeetBot-Policy -Global` for everyone). It can take up to 30 minutes to apply; then try again.",
            GraphFailureKind.Forbidden =>
                $"I couldn't {action}: this bot isn't allowed to create or change online meetings in your organization. " +
                "An admin needs to grant the Microsoft Graph application permission OnlineMeetings.ReadWrite.All and give admin consent." + reference,
            GraphFailureKind.NotFound when creating =>
                "I couldn't create the meeting: Microsoft Graph doesn't know you as a Teams user who can organize meetings " +
                "(usually a missing Teams licence, or an account from another organization). Ask your admin to check your Teams licence." + reference,
            GraphFailureKind.NotFound =>
                $"I couldn't {action}: Microsoft Graph no longer knows this meeting (it may have been deleted in Teams)." + reference,
            GraphFailureKind.BadRequest when creating =>
                "Microsoft Graph refused the meeting request: " + failure.Message + ". Try again with a different time or subject, or type help." + reference,
            GraphFailureKind.BadRequest =>
                $"I couldn't {action}: Microsoft Graph refused the change: " + failure.Message + "." + reference,
            GraphFailureKind.Throttled =>
                $"I couldn't {action}: Microsoft Teams is very busy and asked me to slow down. I retried a few times without luck; please try again in a minute.",
            GraphFailureKind.Timeout when creating =>
                "Microsoft Graph didn't answer in time, so the meeting may not exist. Please try again in a minute.",
            GraphFailureKind.Timeout =>
                $"Microsoft Graph didn't answer in time when I tried to {action}, so it may or may not have happened: check the meeting in Teams, or try again in a minute.",
            _ =>
                $"Microsoft Graph had a problem when I tried to {action}" + (failure.StatusCode is { } s ? $" (HTTP {s})" : "") + ". Please try again in a minute." + reference,
        };
    }

    /// <summary>The Bot Connector could not say who is in the conversation (the roster for "everyone", or a mentioned person).</summary>
    public static string ForAttendeeLookupFailure(ConnectorException failure, bool inviteEveryone)
    {
        string what = inviteEveryone ? "read who is in this conversation" : "look up the people you mentioned";
        string status = StatusOf(failure);
        return failure.RefusesConversationForGood
            ? $"I couldn't create the meeting: Teams didn't let me {what}{status}. " +
                (inviteEveryone
                    ? "Mention the people instead, e.g. “meet now with @Alice @Bob”, or say “meet now” and share the link."
                    : "Say “meet now” and share the link instead.")
            : $"I couldn't create the meeting: Teams {(failure.StatusCode is null ? "didn't answer" : "had a problem")} when I tried to {what}{status}. Please try again in a minute.";
    }

    /// <summary>The Bot Connector could not look up the people to invite to a meeting there is: nothing was changed.</summary>
    public static string ForInviteLookupFailure(ConnectorException failure) =>
        failure.RefusesConversationForGood
            ? $"I couldn't invite anyone: Teams didn't let me look up the people you named{StatusOf(failure)}. Share the link on the meeting's card instead."
            : $"I couldn't invite anyone: Teams {(failure.StatusCode is null ? "didn't answer" : "had a problem")} when I looked up the people you named{StatusOf(failure)}. Please try again in a minute.";

    private static string StatusOf(ConnectorException failure) => failure.StatusCode is { } s ? $" (HTTP {(int)s})" : "";
}
