using System.Text.Json.Nodes;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Conversation;

/// <summary>Posts the bot's messages and cards, as replies in the same thread or later through a stored reference.</summary>
public sealed class BotMessenger(ConnectorClient connector)
{
    /// <summary>A message addressed back into the incoming activity's conversation (and thread).</summary>
    public static Activity NewReply(Activity incoming) => new()
    {
        Type = ActivityTypes.Message,
        From = new ChannelAccount { Id = incoming.Recipient?.Id, Name = incoming.Recipient?.Name },
        Recipient = incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name, AadObjectId = incoming.From.AadObjectId },
        Conversation = new ConversationAccount
        {
            Id = incoming.Conversation?.Id,
            ConversationType = incoming.Conversation?.ConversationType,
            IsGroup = incoming.Conversation?.IsGroup,
            TenantId = incoming.TenantId,
        },
        ReplyToId = incoming.Id,
    };

    public static Activity NewMessage(ConversationReference reference) => new()
    {
        Type = ActivityTypes.Message,
        From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName },
        Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId },
    };

    public Task<string?> ReplyTextAsync(Activity incoming, string text, CancellationToken cancellationToken)
    {
        var reply = NewReply(incoming);
        reply.Text = text;
        return ReplyAsync(incoming, reply, cancellationToken);
    }

    /// <summary>Replies with an attachment-only activity (so it gets an id that can be updated later).</summary>
    public Task<string?> ReplyCardAsync(Activity incoming, JsonObject card, CancellationToken cancellationToken, IEnumerable<Entity>? entities = null)
    {
        var reply = NewReply(incoming);
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        reply.Entities = entities?.ToList();
        return ReplyAsync(incoming, reply, cancellationToken);
    }

    public async Task<string?> ReplyAsync(Activity incoming, Activity reply, CancellationToken cancellationToken)
    {
        string serviceUrl = incoming.ServiceUrl!;
        string conversationId = incoming.Conversation!.Id!;
        var response = string.IsNullOrEmpty(incoming.Id)
            ? await connector.SendToConversationAsync(serviceUrl, conversationId, reply, cancellationToken)
            : await connector.ReplyToActivityAsync(serviceUrl, conversationId, incoming.Id, reply, cancellationToken);
        return string.IsNullOrEmpty(response.Id) ? null : response.Id;
    }

    public async Task<string?> SendTextAsync(ConversationReference reference, string text, CancellationToken cancellationToken)
    {
        var message = NewMessage(reference);
        message.Text = text;
        var response = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, message, cancellationToken);
        return string.IsNullOrEmpty(response.Id) ? null : response.Id;
    }

    public async Task<string?> SendCardAsync(ConversationReference reference, JsonObject card, CancellationToken cancellationToken)
    {
        var message = NewMessage(reference);
        message.Attachments = [Attachment.AdaptiveCard(card)];
        var response = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, message, cancellationToken);
        return string.IsNullOrEmpty(response.Id) ? null : response.Id;
    }

    /// <summary>Replaces a posted card in place (what everyone sees).</summary>
    public Task UpdateCardAsync(ConversationReference reference, string activityId, JsonObject card, CancellationToken cancellationToken)
    {
        var message = NewMessage(reference);
        message.Id = activityId;
        message.Attachments = [Attachment.AdaptiveCard(card)];
        return connector.UpdateActivityAsync(reference.ServiceUrl, reference.ConversationId, activityId, message, cancellationToken);
    }
}
