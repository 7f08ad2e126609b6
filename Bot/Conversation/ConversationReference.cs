namespace TeamsMeetBot.Conversation;

/// <summary>
/// Everything needed to post into a conversation later (a card update, a reminder, a call event),
/// refreshed from every inbound activity because Teams may change the serviceUrl.
/// </summary>
public sealed record ConversationReference
{
    public required string ServiceUrl { get; init; }
    public required string ConversationId { get; init; }
    public string? ConversationType { get; init; }
    public string? ConversationName { get; init; }
    public required string TenantId { get; init; }
    public required string BotId { get; init; }
    public string? BotName { get; init; }
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? ChannelId { get; init; }
    public string? ChannelName { get; init; }
}
