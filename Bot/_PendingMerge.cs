// Temporary placeholders for types being built on the auth and connector branches; deleted at merge.
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.BotFramework.Connector;

    public class ConnectorClient
    {
        public virtual Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();
        public virtual Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();
        public virtual Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();
        public virtual IAsyncEnumerable<TeamsChannelAccount> GetAllMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public virtual Task<TeamsChannelAccount?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    public class ConnectorException : Exception
    {
        public int StatusCode { get; }
        public bool IsMessageWritesBlocked { get; }
    }
