namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// Error codes a <see cref="ConnectorException"/> can carry: the Connector's own codes seen in Teams
/// answers, and the bot's codes for failures that happen before or instead of an HTTP answer.
/// </summary>
public static class ConnectorErrorCodes
{
    /// <summary>Teams 403: the user blocked or uninstalled the bot; stop writing to the conversation.</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    /// <summary>The member id is not (or no longer) in the conversation.</summary>
    public const string MemberNotFoundInConversation = "MemberNotFoundInConversation";

    /// <summary>Bot-side: the serviceUrl is not allowed, so nothing was sent.</summary>
    public const string ServiceUrlNotAllowed = "ServiceUrlNotAllowed";

    /// <summary>Bot-side: the conversation's write queue is full, so nothing was sent.</summary>
    public const string ConversationQueueFull = "ConversationQueueFull";

    /// <summary>Bot-side: no Connector token could be obtained, so nothing was sent.</summary>
    public const string TokenUnavailable = "TokenUnavailable";

    /// <summary>Bot-side: the connection failed or timed out.</summary>
    public const string TransportFailure = "TransportFailure";

    /// <summary>Bot-side: a 2xx answer whose body could not be read as the expected JSON.</summary>
    public const string InvalidResponse = "InvalidResponse";
}
