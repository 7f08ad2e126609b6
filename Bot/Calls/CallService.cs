using System.Globalization;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Calls;

/// <summary>
/// The bot in the meeting's call: joins with service-hosted media, rings attendees, leaves, and applies Graph's
/// notifications to the call record. Stateless per instance: the call lives in <see cref="CallStore"/>, so any
/// instance can act on any call. A meeting is only ever looked up in the tenant and conversation the request
/// came from.
/// </summary>
public sealed class CallService(
    GraphCallsClient graph,
    CallStore calls,
    MeetingStore meetings,
    MeetingService meetingService,
    AttendeeResolver attendees,
    CallingSetup setup,
    CardUpdateCoalescer cards,
    CallKeepAlive keepAlive,
    IBotStore store,
    TimeProvider timeProvider,
    ILogger<CallService> logger)
{
    public const string NotConfiguredMessage = CommandHandler.CallingNotConfiguredMessage;

    private static readonly TimeSpan JoinClaimLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Brings the bot into the meeting's call (a new group call when the last one ended).</summary>
    public async Task<CallActionResult> JoinAsync(Activity activity, string? meetingKey, CancellationToken cancellationToken)
    {
        if (!setup.IsConfigured)
        {
            return new(NotConfiguredMessage, null);
        }

        var (meeting, problem) = await FindMeetingAsync(activity, meetingKey, cancellationToken);
        if (meeting is null)
        {
            return new(problem!, null);
        }

        if (meeting.ChatThreadId is null || meeting.Organizer.AadObjectId is null)
        {
            return new("I can't join this meeting's call: Teams didn't give me the meeting's chat and organizer when it was created. Use the Join button instead.", null);
        }

        var current = await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken);
        if (current is { IsActive: true })
        {
            return new("I'm already in the call.", null);
        }

        // Two presses at once must not place two calls: the first takes a short claim.
        string claimKey = "join|" + meeting.Key;
        string partition = MeetingRecord.PartitionFor(meeting.TenantId, meeting.Conversation.ConversationId);
        try
        {
            await store.InsertAsync(StoreTables.Leases, partition, claimKey, timeProvider.GetUtcNow(), CallsTimeJsonContext.Default.DateTimeOffset,
                timeProvider.GetUtcNow() + JoinClaimLifetime, cancellationToken);
        }
        catch (StoreConflictException)
        {
            return new("I'm already joining the call.", null);
        }

        try
        {
            JoinedCall joined;
            try
            {
                joined = await graph.JoinAsync(meeting, setup.CallbackUri, cancellationToken);
            }
            catch (GraphFailureException failure)
            {
                CallsLog.JoinFailed(logger, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.ErrorCode ?? "", failure.RequestId ?? "", failure);
                return new(CallReplies.ForFailure(failure, "join the call"), null);
            }

            string callId = joined.CallId;
            var now = timeProvider.GetUtcNow();
            await calls.UpsertAsync(callId,
                () => new CallRecord { CallId = callId, TenantId = meeting.TenantId, CreatedAt = now },
                r => r with
                {
                    ConversationId = meeting.Conversation.ConversationId,
                    MeetingKey = meeting.Key,
                    MyParticipantId = joined.MyParticipantId ?? r.MyParticipantId,
                    Participants = r.Participants.Select(p => Named(p, meeting, r.Invited)).ToList(),
                },
                cancellationToken);
            await calls.SetCurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, callId, cancellationToken);
            await keepAlive.TrackAsync(callId, meeting.TenantId, cancellationToken);
            CallsLog.Joined(logger, meeting.Key, callId);
            RefreshCard(meeting);
            return new("Joining the call. The card shows who is in it.", meeting);
        }
        finally
        {
            await store.DeleteAsync(StoreTables.Leases, partition, claimKey, etag: null, CancellationToken.None);
        }
    }

    /// <summary>
    /// Rings attendees who are not in the call, or the people named: mentions, and names typed as text, which are the
    /// meeting's attendee they fit, or else the conversation member (<see cref="AttendeeResolver"/>).
    /// </summary>
    /// <summary>Whether the bot is in the call of <paramref name="meeting"/> now.</summary>
    public async Task<bool> IsInCallAsync(MeetingRecord meeting, CancellationToken cancellationToken) =>
        setup.IsConfigured
        && await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken) is { IsActive: true };

    public async Task<CallActionResult> RingAsync(Activity activity, string? meetingKey, IReadOnlyList<MentionTarget>? targets, IReadOnlyList<string>? typedNames, CancellationToken cancellationToken)
    {
        if (!setup.IsConfigured)
        {
            return new(NotConfiguredMessage, null);
        }

        var (meeting, problem) = await FindMeetingAsync(activity, meetingKey, cancellationToken);
        if (meeting is null)
        {
            return new(problem!, null);
        }

        var call = await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken);
        if (call is not { IsActive: true })
        {
            return new("I'm not in the call, so I can't ring anyone. Bring me in first (type join, or press \"Bring the bot in\").", null);
        }

        IReadOnlyList<MeetingPerson> candidates;
        string notFound = "";
        bool named = targets is { Count: > 0 } || typedNames is { Count: > 0 };
        if (named)
        {
            // "ring bob": the attendee called Bob, without asking Teams who is in the chat; anyone else is looked up there.
            var fromMeeting = new List<MeetingPerson>();
            var toLookUp = new List<string>();
            foreach (string typed in typedNames ?? [])
            {
                var best = TypedNameMatch.Best(typed, meeting.Attendees, static (t, p) => TypedNameMatch.Strength(t, p.Name, null, null, p.UserPrincipalName, null));
                if (best.Count == 1)
                {
                    fromMeeting.Add(best[0]);
                }
                else
                {
                    toLookUp.Add(typed);
                }
            }

            var resolved = targets is { Count: > 0 } || toLookUp.Count > 0
                ? await attendees.ResolveAsync(activity, targets ?? [], inviteEveryone: false, excluded: [], typedNames: toLookUp, cancellationToken)
                : new ResolvedAttendees([], []);
            candidates = [.. fromMeeting, .. resolved.Attendees];
            if (resolved.NotInvited.Count > 0)
            {
                notFound = " I couldn't ring " + string.Join(", ", resolved.NotInvited.Select(n => n.Name + " (" + n.Reason + ")")) + ".";
            }
        }
        else
        {
            candidates = meeting.Attendees;
        }

        var now = timeProvider.GetUtcNow();
        var inCall = call.Participants.Where(p => p.AadObjectId is not null).Select(p => p.AadObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ringing = call.Invited.Where(i => i.EffectiveStatus(now, setup.RingTimeout) == InviteStatus.Ringing).Select(i => i.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var toRing = candidates
            .Where(p => p.AadObjectId is not null && !inCall.Contains(p.AadObjectId) && !ringing.Contains(p.AadObjectId))
            .DistinctBy(p => p.AadObjectId, StringComparer.OrdinalIgnoreCase)
            .Select(p => (AadObjectId: p.AadObjectId!, p.Name))
            .ToList();
        if (toRing.Count == 0 && candidates.Count == 0 && notFound.Length > 0)
        {
            return new(notFound.TrimStart(), null); // no one named could be found
        }

        if (toRing.Count == 0)
        {
            return new((named ? "Everyone you named is already in the call or being rung." : "Everyone invited is already in the call or being rung.") + notFound, null);
        }

        try
        {
            await graph.InviteAsync(call.CallId, toRing, meeting.TenantId, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            CallsLog.InviteFailed(logger, call.CallId, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return new(CallReplies.ForFailure(failure, "ring them") + notFound, null);
        }

        var rungAt = timeProvider.GetUtcNow();
        await calls.UpdateAsync(call.CallId, r =>
        {
            var invited = r.Invited.Where(i => !toRing.Any(t => string.Equals(t.AadObjectId, i.AadObjectId, StringComparison.OrdinalIgnoreCase))).ToList();
            invited.AddRange(toRing.Select(t => new InvitedPerson(t.AadObjectId, t.Name, InviteStatus.Ringing, rungAt)));
            return r with { Invited = invited };
        }, cancellationToken);

        // No event arrives when someone declines or lets it ring out: after Teams' ringing time, "did not answer".
        string tenantId = meeting.TenantId;
        string conversationId = meeting.Conversation.ConversationId;
        string key = meeting.Key;
        string callId = call.CallId;
        cards.RequestAt(rungAt + setup.RingTimeout, tenantId, conversationId, key, token => MarkUnansweredAsync(callId, token));
        RefreshCard(meeting);
        return new("Ringing " + Names(toRing.Select(t => t.Name)) + "." + notFound, meeting);
    }

    /// <summary>The bot hangs up its leg (organizer or an extra controller only).</summary>
    public async Task<CallActionResult> LeaveAsync(Activity activity, string? meetingKey, CancellationToken cancellationToken)
    {
        if (!setup.IsConfigured)
        {
            return new(NotConfiguredMessage, null) { NotInACall = true };
        }

        var (meeting, problem) = await FindMeetingAsync(activity, meetingKey, cancellationToken);
        if (meeting is null)
        {
            return new(problem!, null) { NotInACall = true };
        }

        if (!meetingService.MayControl(activity, meeting))
        {
            return new($"Only {meeting.Organizer.Name}, who organized this meeting, can make me leave the call.", null);
        }

        var call = await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken);
        if (call is not { IsActive: true })
        {
            return new("I'm not in the call.", null) { NotInACall = true };
        }

        bool known;
        try
        {
            known = await graph.HangUpAsync(call.CallId, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            CallsLog.LeaveFailed(logger, call.CallId, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return new(CallReplies.ForFailure(failure, "leave the call"), null);
        }

        var now = timeProvider.GetUtcNow();
        await calls.UpdateAsync(call.CallId, r => known
            ? r with { LeaveRequested = true }
            : r.State == CallState.Terminated ? null : r with { State = CallState.Terminated, EndedAt = now, EndReason = "The call had already ended." }, cancellationToken);
        RefreshCard(meeting);
        return new("Leaving the call.", meeting);
    }

    /// <summary>A short text about the latest meeting here and its call.</summary>
    public async Task<string> StatusAsync(Activity activity, CancellationToken cancellationToken)
    {
        var (meeting, problem) = await FindMeetingAsync(activity, null, cancellationToken);
        if (meeting is null)
        {
            return problem!;
        }

        string head = $"\"{meeting.Subject}\", organized by {meeting.Organizer.Name}.";
        if (!setup.IsConfigured)
        {
            return head + " I can't join calls here (calling isn't set up).";
        }

        var call = await calls.CurrentForMeetingAsync(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return call switch
        {
            null => head + " I haven't joined its call. Type join to bring me in.",
            { State: CallState.Terminated } => head + " The call has ended. Type join to start it again with me in it.",
            { State: CallState.Establishing } => head + " I'm joining the call.",
            _ => head + " In the call: " + (PeopleIn(call) is { Count: > 0 } people ? Names(people) : "only me")
                + (call.EstablishedAt is { } started ? ", for " + Minutes(now - started) : "") + "."
                + (call.Invited.Count > 0 ? " Rung: " + string.Join(", ", call.Invited.Select(i => i.Name + " (" + Describe(i.EffectiveStatus(now, setup.RingTimeout)) + ")")) + "." : ""),
        };
    }

    /// <summary>
    /// Applies notifications authenticated for <paramref name="tenantId"/>. Returns false (nothing applied) when one
    /// of them concerns a call of another tenant. Duplicates and late arrivals are harmless: states never go back,
    /// a roster after the end is ignored, and rosters are whole snapshots.
    /// </summary>
    public async Task<bool> ApplyAsync(string tenantId, IReadOnlyList<CallNotification> notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (string callId in notifications.Select(n => n.CallId).Distinct(StringComparer.Ordinal))
        {
            if (await calls.GetAsync(callId, cancellationToken) is { } existing && !string.Equals(existing.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                CallsLog.TenantMismatch(logger, callId, tenantId);
                return false;
            }
        }

        var meetingsByCall = new Dictionary<string, MeetingRecord?>(StringComparer.Ordinal);
        var touched = new List<CallRecord>();
        foreach (var notification in notifications)
        {
            var before = await calls.GetAsync(notification.CallId, cancellationToken);
            MeetingRecord? meeting = null;
            if (before is { MeetingKey: not null, ConversationId: not null } && !meetingsByCall.TryGetValue(notification.CallId, out meeting))
            {
                meeting = (await meetings.GetAsync(before.TenantId, before.ConversationId, before.MeetingKey, cancellationToken))?.Value;
                meetingsByCall[notification.CallId] = meeting;
            }

            var now = timeProvider.GetUtcNow();
            var after = await calls.UpsertAsync(notification.CallId,
                () => new CallRecord { CallId = notification.CallId, TenantId = tenantId, CreatedAt = now },
                r => Apply(r, notification, meeting, now),
                cancellationToken);
            if (before?.State != after.State)
            {
                CallsLog.StateChanged(logger, after.CallId, after.State);
            }

            touched.Add(after);
        }

        foreach (var call in touched.DistinctBy(c => c.CallId))
        {
            if (call is { MeetingKey: { } key, ConversationId: { } conversationId })
            {
                cards.Request(call.TenantId, conversationId, key);
            }
        }

        return true;
    }

    private static CallRecord? Apply(CallRecord record, CallNotification notification, MeetingRecord? meeting, DateTimeOffset now)
    {
        switch (notification)
        {
            case CallStateNotification state when state.State > record.State:
                return record with
                {
                    State = state.State,
                    EstablishedAt = state.State == CallState.Established ? record.EstablishedAt ?? now : record.EstablishedAt,
                    EndedAt = state.State == CallState.Terminated ? now : record.EndedAt,
                    EndReason = state.State == CallState.Terminated ? state.EndReason : record.EndReason,
                    AppliedNotifications = record.AppliedNotifications + 1,
                };
            case CallStateNotification:
                return null;
            case RosterNotification when record.State == CallState.Terminated:
                return null;
            case RosterNotification roster:
                {
                    var participants = roster.Participants.Select(p => Named(p, meeting, record.Invited)).ToList();
                    var present = participants.Where(p => !p.IsBot && !p.IsInLobby && p.AadObjectId is not null)
                        .Select(p => p.AadObjectId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var invited = record.Invited
                        .Select(i => i.Status != InviteStatus.Joined && present.Contains(i.AadObjectId) ? i with { Status = InviteStatus.Joined } : i)
                        .ToList();
                    bool botIn = participants.Any(p => p.IsBot && (record.MyParticipantId is null || p.ParticipantId is null || p.ParticipantId == record.MyParticipantId));
                    var state = record.State == CallState.Establishing && botIn ? CallState.Established : record.State;
                    return record with
                    {
                        Participants = participants,
                        Invited = invited,
                        State = state,
                        EstablishedAt = state == CallState.Established ? record.EstablishedAt ?? now : record.EstablishedAt,
                        AppliedNotifications = record.AppliedNotifications + 1,
                    };
                }

            case InviteOperationNotification { Failed: true } operation:
                return record with
                {
                    Invited = record.Invited
                        .Select(i => i.Status == InviteStatus.Ringing && operation.UserIds.Contains(i.AadObjectId, StringComparer.OrdinalIgnoreCase) ? i with { Status = InviteStatus.Failed } : i)
                        .ToList(),
                    AppliedNotifications = record.AppliedNotifications + 1,
                };
            default:
                return null;
        }
    }

    /// <summary>A roster entry with a display name: Graph's, else the meeting's or the ring list's name for that user.</summary>
    private static CallParticipant Named(CallParticipant participant, MeetingRecord? meeting, IReadOnlyList<InvitedPerson> invited)
    {
        if (participant.DisplayName.Length > 0)
        {
            return participant;
        }

        string? id = participant.AadObjectId;
        string? name = participant.IsBot ? "the bot"
            : id is null ? null
            : meeting is not null && string.Equals(meeting.Organizer.AadObjectId, id, StringComparison.OrdinalIgnoreCase) ? meeting.Organizer.Name
            : meeting?.Attendees.FirstOrDefault(a => string.Equals(a.AadObjectId, id, StringComparison.OrdinalIgnoreCase))?.Name
                ?? invited.FirstOrDefault(i => string.Equals(i.AadObjectId, id, StringComparison.OrdinalIgnoreCase))?.Name;
        return participant with { DisplayName = name ?? (participant.AadObjectId is null ? "a guest or phone caller" : "someone from the organization") };
    }

    private async Task MarkUnansweredAsync(string callId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await calls.UpdateAsync(callId, r =>
        {
            if (!r.Invited.Any(i => i.Status == InviteStatus.Ringing && i.EffectiveStatus(now, setup.RingTimeout) == InviteStatus.NoAnswer))
            {
                return null;
            }

            return r with { Invited = r.Invited.Select(i => i with { Status = i.EffectiveStatus(now, setup.RingTimeout) }).ToList() };
        }, cancellationToken);
    }

    private async Task<(MeetingRecord? Meeting, string? Problem)> FindMeetingAsync(Activity activity, string? meetingKey, CancellationToken cancellationToken)
    {
        string tenantId = activity.TenantId ?? "";
        string conversationId = activity.Conversation?.Id ?? "";
        var item = meetingKey is null
            ? await meetings.LatestAsync(tenantId, conversationId, organizerAadObjectId: null, cancellationToken)
            : await meetings.GetAsync(tenantId, conversationId, meetingKey, cancellationToken);
        if (item is null)
        {
            if (meetingKey is not null)
            {
                CallsLog.ActionForUnknownMeeting(logger, meetingKey);
                return (null, "I can't find that meeting in this conversation.");
            }

            return (null, "There's no meeting in this conversation yet. Start one first, for example: meet now.");
        }

        return item.Value.Status == MeetingStatus.Cancelled
            ? (null, "That meeting was cancelled.")
            : (item.Value, null);
    }

    private void RefreshCard(MeetingRecord meeting) => cards.Request(meeting.TenantId, meeting.Conversation.ConversationId, meeting.Key);

    internal static IReadOnlyList<string> PeopleIn(CallRecord call) =>
        call.Participants.Where(p => !p.IsBot && !p.IsInLobby).Select(p => p.DisplayName).ToList();

    internal static string Describe(InviteStatus status) => status switch
    {
        InviteStatus.Ringing => "ringing",
        InviteStatus.Joined => "joined",
        InviteStatus.NoAnswer => "did not answer",
        _ => "could not be rung",
    };

    internal static string Minutes(TimeSpan duration)
    {
        int minutes = Math.Max(0, (int)duration.TotalMinutes);
        return minutes < 1 ? "less than a minute"
            : minutes < 60 ? minutes.ToString(CultureInfo.InvariantCulture) + " min"
            : ((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + " h " + (minutes % 60).ToString(CultureInfo.InvariantCulture) + " min";
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
