using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>What the bot says when a call request fails, in words that tell the reader what to do (reference §2.1, §4).</summary>
public static class CallReplies
{
    public static string ForFailure(GraphFailureException failure, string action)
    {
        ArgumentNullException.ThrowIfNull(failure);
        string text = failure.ErrorCode + " " + failure.Message;
        string reason = failure.StatusCode switch
        {
            403 when text.Contains("7503", StringComparison.Ordinal) =>
                "Calling isn't enabled for this bot: an admin needs to turn on Calling on the bot's Microsoft Teams channel with the webhook https://<bot host>/api/calls.",
            403 when text.Contains("7504", StringComparison.Ordinal) =>
                "This organization hasn't granted the bot the calling permissions (Calls.JoinGroupCall.All, Calls.InitiateGroupCall.All) with admin consent.",
            403 => "Teams refused: the bot is missing calling permissions (Calls.JoinGroupCall.All, Calls.InitiateGroupCall.All) or calling isn't enabled on its Teams channel.",
            404 => "Teams no longer knows this call; it has probably ended.",
            429 or 503 or 504 => "Teams asked me to slow down; try again in a minute.",
            _ => "Teams had a problem (" + (failure.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer") + "); try again in a minute.",
        };
        string requestId = failure.RequestId is { Length: > 0 } id ? " (Graph request-id " + id + ")" : "";
        return $"I couldn't {action}. {reason}{requestId}";
    }
}
