using Microsoft.Graph;
using Microsoft.Graph.Communications.Calls.Item.Participants.Invite;
using Microsoft.Graph.Models;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

/// <summary>
/// The bot's requests to Graph's cloud-communications API, through the same <see cref="GraphServiceClient"/> as
/// meetings (<see cref="GraphClientProvider"/>: graph.microsoft.com with the app token, or the simulated Graph in
/// local mode). Failures surface as <see cref="GraphFailureException"/>.
/// <para>
/// Why the Kiota client and not the stateful Microsoft.Graph.Communications.* 1.2.0.18742 client: that client keeps
/// every call in an in-memory registry and only raises events for calls it placed itself, so a notification that
/// reaches another instance (scale-out, restart) is lost unless routed back or rehydrated (reference §2.8, user pains
/// §3.9); its builder also rejects non-HTTPS notification and service URLs, which rules out the loopback simulated Graph
/// in local mode and tests, and its inbound validator cannot be pointed at a test key (its test constructors are
/// internal). The join body it produces (reference §2.9) is reproduced here field for field with the shared
/// Graph models (the Comms SDK itself is built on these same Microsoft.Graph 5.92 models), state lives in
/// <see cref="CallStore"/>, and notifications are validated by <see cref="NotificationTokenValidator"/> following the
/// rules of the SDK's DefaultAuthenticationProvider (reference §2.5).
/// </para>
/// </summary>
public class GraphCallsClient
{
    private readonly GraphClientProvider _graph;

    // The provider, not the Graph client: the Graph SDK's assemblies load at the first call, not at start.
    public GraphCallsClient(GraphClientProvider graph) => _graph = graph;

    /// <summary>The join body for a meeting: its own chatInfo and organizer (never parsed from joinWebUrl), service-hosted media, audio.</summary>
    public static Call JoinBody(MeetingRecord meeting, Uri callbackUri)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(callbackUri);
        return new Call
        {
            CallbackUri = callbackUri.ToString(),
            Direction = CallDirection.Outgoing,
            RequestedModalities = [Modality.Audio],
            MediaConfig = new ServiceHostedMediaConfig(),
            ChatInfo = new ChatInfo
            {
                ThreadId = meeting.ChatThreadId,
                MessageId = meeting.ChatMessageId ?? "0",
                ReplyChainMessageId = meeting.ChatReplyChainMessageId,
            },
            MeetingInfo = new OrganizerMeetingInfo
            {
                Organizer = new IdentitySet
                {
                    User = new Identity
                    {
                        Id = meeting.Organizer.AadObjectId,
                        DisplayName = meeting.Organizer.Name,
                        AdditionalData = new Dictionary<string, object> { ["tenantId"] = meeting.TenantId },
                    },
                },
                AdditionalData = new Dictionary<string, object> { ["allowConversationWithoutHost"] = true },
            },
            TenantId = meeting.TenantId,
        };
    }

    /// <summary>POST /communications/calls: joins the meeting's call. Returns the call's id and the bot's participant id in it.</summary>
    public virtual async Task<JoinedCall> JoinAsync(MeetingRecord meeting, Uri callbackUri, CancellationToken cancellationToken)
    {
        var body = JoinBody(meeting, callbackUri);
        var call = await CallAsync(() => _graph.Client.Communications.Calls.PostAsync(body, cancellationToken: cancellationToken));
        return ToJoined(call);
    }

    internal static JoinedCall ToJoined(Call? call) => call is { Id: { Length: > 0 } id }
        ? new JoinedCall(id, call.MyParticipantId)
        : throw new GraphFailureException(GraphFailureKind.Unavailable, null, null, null, "Graph answered the join without a call id", null);

    /// <summary>POST /communications/calls/{id}/participants/invite, at most five people per request (Graph's limit for meeting calls).</summary>
    public virtual async Task InviteAsync(string callId, IReadOnlyList<(string AadObjectId, string Name)> people, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        foreach (var chunk in people.Chunk(5))
        {
            var body = new InvitePostRequestBody
            {
                ClientContext = Guid.NewGuid().ToString("D"),
                Participants = chunk.Select(p => new InvitationParticipantInfo
                {
                    Identity = new IdentitySet
                    {
                        User = new Identity
                        {
                            Id = p.AadObjectId,
                            DisplayName = p.Name,
                            AdditionalData = new Dictionary<string, object> { ["tenantId"] = tenantId },
                        },
                    },
                }).ToList(),
            };
            await CallAsync(() => _graph.Client.Communications.Calls[callId].Participants.Invite.PostAsync(body, cancellationToken: cancellationToken));
        }
    }

    /// <summary>POST /communications/calls/{id}/keepAlive. False when Graph no longer knows the call.</summary>
    public virtual async Task<bool> KeepAliveAsync(string callId, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(async () =>
            {
                await _graph.Client.Communications.Calls[callId].KeepAlive.PostAsync(cancellationToken: cancellationToken);
                return true;
            });
            return true;
        }
        catch (GraphFailureException ex) when (ex.Kind == GraphFailureKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>DELETE /communications/calls/{id}: the bot hangs up its leg. False when Graph no longer knows the call.</summary>
    public virtual async Task<bool> HangUpAsync(string callId, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(async () =>
            {
                await _graph.Client.Communications.Calls[callId].DeleteAsync(cancellationToken: cancellationToken);
                return true;
            });
            return true;
        }
        catch (GraphFailureException ex) when (ex.Kind == GraphFailureKind.NotFound)
        {
            return false;
        }
    }

    private static async Task<T?> CallAsync<T>(Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || ex is TaskCanceledException { InnerException: TimeoutException })
        {
            throw GraphErrors.Classify(ex);
        }
    }
}
