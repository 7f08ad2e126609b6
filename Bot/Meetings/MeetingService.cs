using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Connector;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Scheduling;
using TeamsMeetBot.Storage;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// Creates meetings from chat and cancels them. Critical path with warm caches: attendee lookups in
/// parallel, then createOrGet, then the card post, with the meeting settings PATCH running alongside
/// the card post. The meeting record is stored before the card is posted, so a redelivery after a
/// crash reuses the meeting and posts the card at most once more.
/// </summary>
public sealed class MeetingService(
    OnlineMeetingsClient graph,
    AttendeeResolver attendees,
    MeetingStore meetings,
    BotMessenger messenger,
    Calls.MeetingCardRenderer cards,
    BotRuntime runtime,
    IOptions<MeetingsOptions> options,
    IOptions<BotOptions> botOptions,
    BotTelemetry telemetry,
    MeetingReminders reminders,
    TimeProvider timeProvider,
    ILogger<MeetingService> logger)
{
    public const string NoEntraAccountMessage =
        "I can only create meetings for people signed in with a work or school (Microsoft Entra) account of this organization, and I can't see yours. Guests can join meetings with the link.";

    /// <summary>Creates the meeting a message asked for (keyed on the message's activity id); null when it could not (the sender was told why).</summary>
    public Task<MeetingRecord?> CreateAsync(Activity activity, MeetingRequest request, CancellationToken cancellationToken) =>
        CreateAsync(activity, request, activity.Id ?? Guid.NewGuid().ToString("N"), cancellationToken);

    /// <summary>
    /// Creates a meeting keyed on <paramref name="idempotencySource"/> (the same source gets the same meeting, e.g. a
    /// scheduling card's message id and the sender); returns the stored meeting, or null when it could not (the sender was told why).
    /// </summary>
    public async Task<MeetingRecord?> CreateAsync(Activity activity, MeetingRequest request, string idempotencySource, CancellationToken cancellationToken)
    {
        string tenantId = activity.TenantId ?? "";
        string conversationId = activity.Conversation!.Id!;
        string? organizerId = activity.From?.AadObjectId;
        if (string.IsNullOrEmpty(organizerId))
        {
            await messenger.ReplyTextAsync(activity, NoEntraAccountMessage, cancellationToken);
            return null;
        }

        string key = ExternalIds.ForActivity(tenantId, conversationId, idempotencySource);
        var existing = await meetings.GetAsync(tenantId, conversationId, key, cancellationToken);
        if (existing is not null)
        {
            // A meeting without a card: either the delivery that created it is posting the card right now (a double
            // press, a concurrent redelivery), or that turn failed to post it (Teams redelivers after the 503), or it
            // died between storing the meeting and posting. The last two are ours to repair: a failed post at once,
            // a dead turn once its lease has run out.
            var meeting = existing.Value;
            if (meeting.CardActivityId is null
                && (meeting.CardPostFailedAt is not null || timeProvider.GetUtcNow() - meeting.CreatedAt >= botOptions.Value.TurnLease))
            {
                await PostCardAsync(activity, existing, await cards.BuildAsync(meeting, cancellationToken), cancellationToken);
            }

            return meeting;
        }

        ResolvedAttendees resolved;
        try
        {
            resolved = await attendees.ResolveAsync(activity, request.Mentions, request.InviteEveryone, request.Excluded, request.TypedNames, cancellationToken);
        }
        catch (ConnectorException failure) when (!cancellationToken.IsCancellationRequested)
        {
            // The Connector's own retries are behind this: who was asked for cannot be known, so no meeting is made
            // without them, and the sender is told what would work.
            MeetingLog.AttendeesUnavailable(logger, (int?)failure.StatusCode ?? 0, failure.ErrorCode ?? "", failure.RequestId ?? "", failure);
            await messenger.ReplyTextAsync(activity, MeetingReplies.ForAttendeeLookupFailure(failure, request.InviteEveryone), cancellationToken);
            return null;
        }

        var start = request.StartUtc ?? timeProvider.GetUtcNow();
        start = new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var end = start + (request.Duration ?? TimeSpan.FromMinutes(options.Value.DefaultDurationMinutes));
        string subject = string.IsNullOrWhiteSpace(request.Subject) ? DefaultSubject(activity) : request.Subject.Trim();

        CreatedOnlineMeeting created;
        try
        {
            created = await graph.CreateOrGetAsync(organizerId, key, subject, start, end, resolved.Attendees, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            telemetry.GraphFailures.Add(1, new KeyValuePair<string, object?>("status", failure.StatusCode ?? 0));
            MeetingLog.CreateFailed(logger, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.ErrorCode ?? "", failure.RequestId ?? "", failure);
            await messenger.ReplyTextAsync(activity, MeetingReplies.ForFailure(failure, runtime.AppId, organizerId), cancellationToken);
            return null;
        }

        var reference = ConversationReferenceStore.From(activity)!;
        var record = new MeetingRecord
        {
            Key = key,
            TenantId = tenantId,
            Conversation = reference,
            SourceActivityId = activity.Id ?? "",
            Organizer = new MeetingPerson(activity.From!.Id, activity.From.Name ?? "the organizer", organizerId, null),
            Subject = created.Subject ?? subject,
            StartUtc = created.StartUtc ?? start,
            EndUtc = created.EndUtc ?? end,
            IsScheduled = request.StartUtc is not null,
            TimeZoneId = request.TimeZoneId,
            TimeZoneAssumed = request.TimeZoneAssumed,
            Location = request.Location,
            GraphMeetingId = created.Id,
            JoinWebUrl = created.JoinWebUrl ?? "",
            ChatThreadId = created.ChatThreadId,
            ChatMessageId = created.ChatMessageId,
            ChatReplyChainMessageId = created.ChatReplyChainMessageId,
            JoinMeetingId = created.JoinMeetingId,
            Passcode = created.Passcode,
            DialInNumber = created.DialInNumber,
            TollFreeNumber = created.TollFreeNumber,
            ConferenceId = created.ConferenceId,
            DialInUrl = created.DialInUrl,
            Attendees = resolved.Attendees,
            NotInvited = resolved.NotInvited,
            Tags = resolved.Tags,
            CreatedAt = timeProvider.GetUtcNow(),
        };

        StoredItem<MeetingRecord> stored;
        try
        {
            stored = await meetings.InsertAsync(record, cancellationToken);
        }
        catch (StoreConflictException)
        {
            // A concurrent delivery of the same activity got here first; it posts the card.
            return (await meetings.GetAsync(tenantId, conversationId, key, cancellationToken))?.Value ?? record;
        }

        telemetry.MeetingsCreated.Add(1);
        MeetingLog.Created(logger, record.GraphMeetingId, resolved.Attendees.Count, resolved.NotInvited.Count);

        // The card is what the person waits for: it goes out first. The lobby/presenter settings and the reminder
        // (scheduled meetings only) are started right after it and run alongside.
        var card = PostCardAsync(activity, stored, cards.BuildForNewMeeting(record), cancellationToken);
        var settings = ApplySettingsAsync(organizerId, record.GraphMeetingId, cancellationToken);
        var reminder = reminders.AfterCreatedAsync(record, cancellationToken);
        await Task.WhenAll(card, settings, reminder);
        return record;
    }

    /// <summary>
    /// "list meetings", "what's on tomorrow", "when is the standup": the meetings here still to come or under way, soonest
    /// first, narrowed as the message said (a day, subject words, people, "next"). Everyone in a conversation saw its
    /// meetings' cards, so everyone may list them; "my meetings" keeps those the sender organized or is invited to.
    /// </summary>
    public async Task<MeetingList> ListAsync(Activity activity, Commands.ListMeetingsCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        string? sender = activity.From?.AadObjectId;
        var active = await meetings.ActiveAsync(activity.TenantId ?? "", activity.Conversation!.Id!, null, cancellationToken);
        var stillToCome = active
            .Select(m => m.Value)
            .Where(m => m.EndUtc > now && (!command.Mine || Concerns(m, sender)))
            .OrderBy(m => m.StartUtc)
            .ToList();
        var fitting = command.Which.SaysWhich ? stillToCome.FindAll(m => command.Which.Fits(m)) : stillToCome;
        if (command.Which.Next && fitting.Count > 1)
        {
            fitting = [fitting[0]];
        }

        return new MeetingList(fitting, stillToCome.Count);

        static bool Concerns(MeetingRecord meeting, string? person) =>
            person is not null
            && (string.Equals(meeting.Organizer.AadObjectId, person, StringComparison.OrdinalIgnoreCase)
                || meeting.Attendees.Any(a => string.Equals(a.AadObjectId, person, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>"cancel", typed: the meeting <see cref="ChooseAsync"/> picks, or its question.</summary>
    public async Task<string> CancelAsync(Activity activity, Commands.CancelMeetingCommand command, CancellationToken cancellationToken)
    {
        if (command.All)
        {
            return await CancelAllAsync(activity, command.Which, cancellationToken);
        }

        var (chosen, question) = await ChooseAsync(activity, command.Which, "cancel", cancellationToken);
        return question
            ?? (chosen is null ? "You haven't organized a meeting in this conversation that I could cancel." : (await CancelAsync(activity, chosen, cancellationToken)).Message);
    }

    /// <summary>
    /// Which of the sender's meetings here a typed "cancel" or "reschedule" means: the one the message names by its day or
    /// time ("tomorrow's meeting"), subject words ("the budget meeting"), people ("with @Alice"), "last" or "next"; of
    /// several that fit, the ones still to come. When it names none, their only meeting still to come, or the newest when
    /// none is to come. When several fit, or none of those named, nothing is chosen and the answer lists the meetings and
    /// asks which: a typed command never guesses between meetings. Null and no question: they have none. A configured
    /// controller chooses among every meeting here.
    /// </summary>
    /// <param name="changeExample">For <paramref name="verb"/> "change": the example answer, with {0} for the meeting ("invite @Carol to {0}").</param>
    private async Task<(StoredItem<MeetingRecord>? Chosen, string? Question)> ChooseAsync(Activity activity, Commands.MeetingChoice which, string verb, CancellationToken cancellationToken,
        string? changeExample = null)
    {
        var (mine, controlsAll) = await MeetingsSenderControlsAsync(activity, cancellationToken);
        return Choose(mine, controlsAll, which, verb, timeProvider.GetUtcNow(), changeExample);
    }

    /// <summary><see cref="ChooseAsync"/> among the sender's meetings already read.</summary>
    private static (StoredItem<MeetingRecord>? Chosen, string? Question) Choose(IReadOnlyList<StoredItem<MeetingRecord>> mine, bool controlsAll, Commands.MeetingChoice which, string verb,
        DateTimeOffset now, string? changeExample = null)
    {
        var upcoming = mine.Where(m => m.Value.EndUtc > now).ToList();
        var fitting = which.SaysWhich ? mine.Where(m => which.Fits(m.Value)).ToList() : upcoming;
        if (which.SaysWhich && !which.Latest && (fitting.Count > 1 || which.Next))
        {
            // Of several that fit, those still to come: "cancel the standup" means tomorrow's, not yesterday's.
            var toCome = fitting.Where(m => m.Value.EndUtc > now).ToList();
            fitting = toCome.Count > 0 || which.Next ? toCome : fitting;
        }

        if (fitting.Count > 1 && (which.Latest || which.Next))
        {
            fitting = [which.Latest ? fitting.MaxBy(m => m.Value.CreatedAt)! : fitting.MinBy(m => m.Value.StartUtc)!];
        }

        if (fitting.Count == 1)
        {
            return (fitting[0], null);
        }

        if (mine.Count == 0 || (fitting.Count == 0 && !which.SaysWhich))
        {
            return (mine.MaxBy(m => m.Value.CreatedAt), null); // none, or only meetings that are over: the newest
        }

        var listed = (fitting.Count > 0 ? fitting : upcoming).OrderBy(m => m.Value.StartUtc).Take(5).ToList();
        string list = string.Join("; ", listed.Select(m => $"\"{m.Value.Subject}\" ({Commands.ZonedTime.Describe(m.Value.StartUtc, m.Value.EndUtc, which.Zone, false, now)})"));
        var firstStart = listed.Count == 0 ? default : Commands.ZonedTime.ToLocal(listed[0].Value.StartUtc, which.Zone);
        string example = listed.Count == 0 ? verb
            : verb == "cancel" ? "cancel the meeting on " + firstStart.ToString("d MMM 'at' HH:mm", CultureInfo.InvariantCulture)
            : changeExample is not null ? string.Format(CultureInfo.InvariantCulture, changeExample, "the " + firstStart.ToString("HH:mm", CultureInfo.InvariantCulture) + " meeting")
            : "move the " + firstStart.ToString("HH:mm", CultureInfo.InvariantCulture) + " meeting to " + firstStart.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture);
        string orCard = verb == "cancel" ? ", or press Cancel meeting on its card" : "";
        string question = fitting.Count == 0
            ? $"None of {(controlsAll ? "the" : "your")} meetings here {which.Describe(several: false)}, so I {(verb == "cancel" ? "cancelled" : "changed")} nothing.{(listed.Count > 0 ? (controlsAll ? " Still to come: " : " Yours still to come: ") + list + "." : "")} Say which, e.g. “{example}”{orCard}."
            : $"{(controlsAll ? "There are" : "You have")} {fitting.Count} meetings here {(which.SaysWhich ? "that " + which.Describe(several: true) : "still to come")}: {list}. Which one? Say, e.g., “{example}”{orCard}.";
        return (null, question);
    }

    /// <summary>
    /// The sender's own meetings here, not cancelled; a configured controller (an incident commander) controls every
    /// meeting here. A sender without an Entra id controls none, and is shown none.
    /// </summary>
    private async Task<(IReadOnlyList<StoredItem<MeetingRecord>> Meetings, bool ControlsAll)> MeetingsSenderControlsAsync(Activity activity, CancellationToken cancellationToken)
    {
        string? sender = activity.From?.AadObjectId;
        bool controlsAll = sender is not null && options.Value.ExtraControllers.Contains(sender, StringComparer.OrdinalIgnoreCase);
        var mine = sender is null ? []
            : await meetings.ActiveAsync(activity.TenantId ?? "", activity.Conversation!.Id!, controlsAll ? null : sender, cancellationToken);
        return (mine, controlsAll);
    }

    /// <summary>Most meetings one "cancel all" cancels: more than this, and the sender is asked to name a day or a subject.</summary>
    internal const int MaxCancelledAtOnce = 10;

    /// <summary>
    /// "cancel all my meetings", "cancel both", "cancel everything tomorrow": each of the sender's meetings here still to
    /// come (or under way) that fits what the message named, one Graph DELETE and card update each; the answer lists what
    /// was cancelled and what could not be. More than <see cref="MaxCancelledAtOnce"/> cancels nothing and asks to narrow.
    /// </summary>
    private async Task<string> CancelAllAsync(Activity activity, Commands.MeetingChoice which, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var (mine, controlsAll) = await MeetingsSenderControlsAsync(activity, cancellationToken);
        var fitting = mine.Where(m => m.Value.EndUtc > now && (!which.SaysWhich || which.Fits(m.Value))).OrderBy(m => m.Value.StartUtc).ToList();
        string whose = controlsAll ? "the" : "your";
        if (fitting.Count == 0)
        {
            return mine.Count == 0
                ? "You haven't organized a meeting in this conversation that I could cancel."
                : which.SaysWhich
                    ? $"None of {whose} meetings here still to come {which.Describe(several: false)}, so I cancelled nothing."
                    : $"None of {whose} meetings here is still to come, so I cancelled nothing.";
        }

        if (fitting.Count > MaxCancelledAtOnce)
        {
            return $"That's {fitting.Count} meetings; I cancel up to {MaxCancelledAtOnce} at once, so I cancelled nothing. Name a day or a subject, e.g. “cancel all meetings tomorrow” or “cancel all the standups”.";
        }

        var cancelled = new List<string>(fitting.Count);
        var failed = new List<string>();
        foreach (var item in fitting)
        {
            var (message, meeting) = await CancelAsync(activity, item, cancellationToken);
            string described = $"\"{item.Value.Subject}\" ({Commands.ZonedTime.Describe(item.Value.StartUtc, item.Value.EndUtc, which.Zone, false, now)})";
            if (meeting?.Status == MeetingStatus.Cancelled)
            {
                cancelled.Add(described);
            }
            else
            {
                failed.Add(described + ": " + message);
            }
        }

        string done = cancelled.Count switch
        {
            0 => "I cancelled nothing.",
            1 => "Cancelled " + cancelled[0] + ".",
            _ => $"Cancelled {cancelled.Count} meetings: " + string.Join("; ", cancelled) + ".",
        };
        return failed.Count == 0 ? done : done + " I couldn't cancel " + string.Join(" ", failed);
    }

    /// <summary>The card's Cancel button: the meeting its key names. Organizer (or a configured controller) only.</summary>
    public async Task<(string Message, MeetingRecord? Meeting)> CancelAsync(Activity activity, string meetingKey, CancellationToken cancellationToken)
    {
        var item = await meetings.GetAsync(activity.TenantId ?? "", activity.Conversation!.Id!, meetingKey, cancellationToken);
        if (item is null)
        {
            MeetingLog.ActionForUnknownMeeting(logger, meetingKey);
            return ("I can't find that meeting in this conversation.", null);
        }

        return await CancelAsync(activity, item, cancellationToken);
    }

    /// <summary>Cancels a meeting: organizer (or a configured controller) only; Graph DELETE; card updated in place.</summary>
    private async Task<(string Message, MeetingRecord? Meeting)> CancelAsync(Activity activity, StoredItem<MeetingRecord> item, CancellationToken cancellationToken)
    {
        var meeting = item.Value;
        if (meeting.Status == MeetingStatus.Cancelled)
        {
            return ("That meeting is already cancelled.", meeting);
        }

        if (!MayControl(activity, meeting))
        {
            return ($"Only {meeting.Organizer.Name}, who organized this meeting, can cancel it.", null);
        }

        try
        {
            await graph.DeleteAsync(meeting.Organizer.AadObjectId!, meeting.GraphMeetingId, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            MeetingLog.CancelFailed(logger, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return (MeetingReplies.ForFailure(failure, runtime.AppId, meeting.Organizer.AadObjectId, "cancel the meeting in Teams"), null);
        }

        string by = activity.From?.Name ?? meeting.Organizer.Name;
        // The meeting's own record, wherever it is kept: from a channel, the meeting may be another thread's.
        var updated = await meetings.UpdateAsync(item,
            m => m.Status == MeetingStatus.Cancelled ? null : m with { Status = MeetingStatus.Cancelled, CancelledBy = by }, cancellationToken) ?? meeting;
        await reminders.AfterCancelledAsync(meeting, cancellationToken);
        await TryUpdateCardAsync(updated, cancellationToken);
        return ($"Cancelled \"{meeting.Subject}\".", updated);
    }

    /// <summary>
    /// Moves or resizes the newest meeting the sender organized here: Graph PATCH, card updated in place. Null when the
    /// command says what to do instead (<see cref="Commands.RescheduleMeetingCommand.IfNoneToChange"/>) and the sender has
    /// no meeting here still to come.
    /// </summary>
    public async Task<string?> RescheduleAsync(Activity activity, Commands.RescheduleMeetingCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var (mine, controlsAll) = await MeetingsSenderControlsAsync(activity, cancellationToken);
        if (command.IfNoneToChange is not null && !mine.Any(m => m.Value.EndUtc > now))
        {
            return null; // "let's meet at 4 instead" with nothing here to move: the caller makes the meeting
        }

        var (item, question) = Choose(mine, controlsAll, command.Which, "move", now);
        if (question is not null)
        {
            return question;
        }

        if (item is null)
        {
            return "You haven't organized a meeting in this conversation that I could change. Create one first, for example: meet tomorrow at 3pm.";
        }

        var meeting = item.Value;
        if (meeting.IsUnderWay(now))
        {
            // The card would show a change Teams never made.
            return $"\"{meeting.Subject}\" has already started, and Teams doesn't change the times of a meeting under way, so I changed nothing. "
                + "Its join link keeps working after the planned end, so you can carry on; for another slot, make a new meeting, e.g. “meet tomorrow at 10:00”.";
        }

        var senderZone = Commands.TimeZoneResolver.Resolve(activity.ClientInfo?.Timezone, activity.LocalTimezone, activity.LocalTimestamp);
        var zone = command.WrittenZone ?? senderZone.Zone; // "reschedule to 4pm UTC" is read, and answered, in UTC
        var start = command.NewStart is { } requested
            ? (command.KeepsMeetingDay ? OnMeetingDay(requested, meeting.StartUtc, zone, now) : requested)
            : command.NewDay is { } day ? AtMeetingTime(day, meeting.StartUtc, zone)
            : meeting.StartUtc + (command.ShiftBy ?? TimeSpan.Zero);
        var duration = command.NewDuration ?? (meeting.EndUtc - meeting.StartUtc) + (command.ExtendBy ?? TimeSpan.Zero);
        if (start != meeting.StartUtc && start < now - TimeSpan.FromMinutes(1))
        {
            return "That would move the meeting into the past. Try a later time, for example: reschedule to tomorrow 10am.";
        }

        if (start != meeting.StartUtc && start > now + Commands.TimeResolution.MaximumAhead)
        {
            return "That would move the meeting more than a year ahead. Try a nearer time, for example: push it by a week.";
        }

        if (duration < TimeSpan.FromMinutes(1) || duration > TimeSpan.FromHours(24))
        {
            return "A meeting must last between 1 minute and 24 hours. Try, for example: make it 30 min.";
        }

        var end = start + duration;
        if (start == meeting.StartUtc && end == meeting.EndUtc)
        {
            // "make it 30 min" of a 30-minute meeting: nothing to send to Teams, and the card is right as it is.
            return $"\"{meeting.Subject}\" is already {Commands.ZonedTime.Describe(start, end, zone, command.WrittenZone is null && senderZone.Assumed, now)}, so I changed nothing.";
        }

        try
        {
            await graph.RescheduleAsync(meeting.Organizer.AadObjectId!, meeting.GraphMeetingId, start, end, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            MeetingLog.RescheduleFailed(logger, failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return MeetingReplies.ForFailure(failure, runtime.AppId, meeting.Organizer.AadObjectId, "change the meeting in Teams");
        }

        bool scheduled = meeting.IsScheduled || start != meeting.StartUtc;
        var updated = await meetings.UpdateAsync(item, m => m with { StartUtc = start, EndUtc = end, IsScheduled = scheduled }, cancellationToken) ?? meeting;
        await reminders.AfterRescheduledAsync(meeting, updated, cancellationToken);
        await TryUpdateCardAsync(updated, cancellationToken);
        string when = Commands.ZonedTime.Describe(start, end, zone, command.WrittenZone is null && senderZone.Assumed, now);
        return $"Done: \"{meeting.Subject}\" is now {when}. The card above shows the new time.";
    }

    /// <summary>
    /// "invite @carol", "remove @bob from the standup", "rename it to retro": who is invited to, or the subject of, a
    /// meeting the sender organized here (chosen as for a reschedule). Graph PATCH (the whole attendee list, as Graph
    /// replaces it), then the record and the card. A meeting under way is left as it is: Graph applies neither to a
    /// meeting in progress (reference §1.4).
    /// </summary>
    public async Task<MeetingChangeResult> ChangeAsync(Activity activity, Commands.ChangeMeetingCommand command, CancellationToken cancellationToken)
    {
        string example = command.NewSubject is not null ? "rename {0} to " + command.NewSubject
            : command.Invites ? "invite " + (command.InviteEveryone ? "everyone" : PeopleWritten(command.Invite, command.InviteByName)) + " to {0}"
            : "remove " + PeopleWritten(command.Uninvite, command.UninviteByName) + " from {0}";
        var (item, question) = await ChooseAsync(activity, command.Which, "change", cancellationToken, example);
        if (question is not null)
        {
            return new(question);
        }

        if (item is null)
        {
            return new("You haven't organized a meeting in this conversation that I could change. Create one first, for example: meet tomorrow at 3pm with @Alice.");
        }

        var meeting = item.Value;
        var now = timeProvider.GetUtcNow();
        if (meeting.EndUtc <= now)
        {
            return new($"\"{meeting.Subject}\" is over, so I changed nothing.");
        }

        if (meeting.IsUnderWay(now))
        {
            string what = command.NewSubject is not null ? "its subject" : "who is invited";
            string instead = command.Invites ? " Anyone in your organization can join with the link on its card, or I can ring them in once I'm in its call (type join, then “ring …”)." : "";
            return new($"\"{meeting.Subject}\" has already started, and Teams doesn't change {what} once a meeting is under way, so I changed nothing.{instead}", meeting);
        }

        if (command.NewSubject is { } subject)
        {
            return new(await RenameAsync(item, subject, cancellationToken));
        }

        List<MeetingPerson> added = [];
        List<MeetingPerson> removed = [];
        List<NotInvited> notChanged = [];
        List<string> tagsRemoved = [];
        if (command.Invites)
        {
            var mentions = command.Invite.Select(m => new MentionTarget(m.Id, m.Name, m.IsTag)).ToList();
            var (resolved, lookupFailed) = await ResolvePeopleAsync(activity, mentions, command.InviteEveryone, command.InviteByName, cancellationToken);
            if (resolved is null)
            {
                return lookupFailed!;
            }

            foreach (var person in resolved.Attendees)
            {
                if (meeting.Attendees.Any(a => SamePerson(a, person)))
                {
                    if (!command.InviteEveryone)
                    {
                        notChanged.Add(new NotInvited(person.Name, "already invited")); // "everyone": those invited are not news
                    }
                }
                else
                {
                    added.Add(person);
                }
            }

            notChanged.AddRange(resolved.NotInvited);
        }
        else
        {
            foreach (var mention in command.Uninvite)
            {
                var match = meeting.Attendees.FirstOrDefault(a => string.Equals(a.TeamsId, mention.Id, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(a.Name, mention.Name, StringComparison.OrdinalIgnoreCase));
                if (match is null && (mention.IsTag || meeting.Tags.Contains(mention.Name, StringComparer.OrdinalIgnoreCase)))
                {
                    // "remove @oncall-db": the tag's members who are invited (it said the tag was "not invited").
                    var (members, membersFailed) = await ResolvePeopleAsync(activity, [new MentionTarget(mention.Id, mention.Name, mention.IsTag)], everyone: false, typedNames: [], cancellationToken);
                    if (members is null)
                    {
                        return membersFailed!;
                    }

                    var invitedMembers = meeting.Attendees.Where(a => members.Attendees.Any(p => SamePerson(a, p))).ToList();
                    if (invitedMembers.Count > 0)
                    {
                        invitedMembers.ForEach(p => AddRemoval(p, p.Name));
                        tagsRemoved.Add(mention.Name);
                        continue;
                    }

                    notChanged.Add(members.NotInvited.FirstOrDefault(n => string.Equals(n.Name, mention.Name, StringComparison.OrdinalIgnoreCase)) ?? new NotInvited(mention.Name, "none of its members is invited"));
                    continue;
                }

                AddRemoval(match, mention.Name);
            }

            foreach (string typed in command.UninviteByName)
            {
                var best = TypedNameMatch.Best(typed.TrimStart('@'), meeting.Attendees, static (t, p) => TypedNameMatch.Strength(t, p.Name, null, null, p.UserPrincipalName, null));
                if (best.Count > 1)
                {
                    notChanged.Add(new NotInvited(typed, $"{best.Count} people invited go by that name, {string.Join(", ", best.Take(4).Select(p => p.Name))}: @mention the one you mean"));
                }
                else
                {
                    AddRemoval(best.Count == 1 ? best[0] : null, typed);
                }
            }

            void AddRemoval(MeetingPerson? match, string written)
            {
                if (match is null)
                {
                    notChanged.Add(new NotInvited(written, "not invited"));
                }
                else if (!removed.Any(r => SamePerson(r, match)))
                {
                    removed.Add(match);
                }
            }
        }

        string notes = notChanged.Count == 0 ? "" : " " + (added.Count + removed.Count > 0 ? "Not changed: " : "I changed nothing: ")
            + string.Join("; ", notChanged.Select(n => n.Name + " (" + n.Reason + ")")) + ".";
        if (added.Count + removed.Count == 0)
        {
            // Nothing left to say only when the one named was the sender (or the bot): the organizer is in the meeting anyway.
            return new(notChanged.Count > 0 ? notes.Trim()
                : command.InviteEveryone ? "I changed nothing: everyone here is invited already."
                : "I changed nothing: you organize the meeting, so you're in it anyway.");
        }

        var attendeesAfter = meeting.Attendees.Where(a => !removed.Any(r => SamePerson(r, a))).Concat(added).ToList();
        try
        {
            await graph.SetAttendeesAsync(meeting.Organizer.AadObjectId!, meeting.GraphMeetingId, attendeesAfter, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            MeetingLog.ChangeFailed(logger, "attendees", failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return new(MeetingReplies.ForFailure(failure, runtime.AppId, meeting.Organizer.AadObjectId, "change who is invited in Teams"));
        }

        // The stored list changes by the same people, from the version stored now; a person invited is no longer listed as not invited.
        var updated = await meetings.UpdateAsync(item, m => m with
        {
            Attendees = [.. m.Attendees.Where(a => !removed.Any(r => SamePerson(r, a))), .. added.Where(p => !m.Attendees.Any(a => SamePerson(a, p)))],
            Tags = [.. m.Tags.Where(t => !tagsRemoved.Contains(t, StringComparer.OrdinalIgnoreCase))],
            NotInvited = [.. m.NotInvited.Where(n => !added.Any(p => string.Equals(p.Name, n.Name, StringComparison.OrdinalIgnoreCase))
                && !command.InviteByName.Any(t => string.Equals(t.TrimStart('@'), n.Name.TrimStart('@'), StringComparison.OrdinalIgnoreCase)))],
        }, cancellationToken) ?? meeting;
        await TryUpdateCardAsync(updated, cancellationToken);
        string changed = added.Count > 0
            ? $"Invited {string.Join(", ", added.Select(p => p.Name))} to \"{meeting.Subject}\"."
            : $"Took {string.Join(", ", removed.Select(p => p.Name))} off the invite to \"{meeting.Subject}\".";
        return new(changed + notes + " The card above shows who is invited.");
    }

    /// <summary>The people (and tags' members) the mentions and typed names stand for, or the answer when the members could not be listed.</summary>
    private async Task<(ResolvedAttendees? People, MeetingChangeResult? Failed)> ResolvePeopleAsync(
        Activity activity, IReadOnlyList<MentionTarget> mentions, bool everyone, IReadOnlyList<string> typedNames, CancellationToken cancellationToken)
    {
        try
        {
            return (await attendees.ResolveAsync(activity, mentions, everyone, excluded: [], typedNames, cancellationToken), null);
        }
        catch (ConnectorException failure) when (!cancellationToken.IsCancellationRequested)
        {
            MeetingLog.InviteesUnavailable(logger, (int?)failure.StatusCode ?? 0, failure.ErrorCode ?? "", failure.RequestId ?? "", failure);
            return (null, new(MeetingReplies.ForInviteLookupFailure(failure)));
        }
    }

    private async Task<string> RenameAsync(StoredItem<MeetingRecord> item, string subject, CancellationToken cancellationToken)
    {
        var meeting = item.Value;
        if (string.Equals(meeting.Subject, subject, StringComparison.Ordinal))
        {
            return $"The meeting is already called \"{subject}\".";
        }

        try
        {
            await graph.RenameAsync(meeting.Organizer.AadObjectId!, meeting.GraphMeetingId, subject, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            MeetingLog.ChangeFailed(logger, "subject", failure.Kind.ToString(), failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
            return MeetingReplies.ForFailure(failure, runtime.AppId, meeting.Organizer.AadObjectId, "rename the meeting in Teams");
        }

        var updated = await meetings.UpdateAsync(item, m => m with { Subject = subject }, cancellationToken) ?? meeting;
        await TryUpdateCardAsync(updated, cancellationToken);
        return $"Renamed \"{meeting.Subject}\" to \"{subject}\". The card above shows the new subject.";
    }

    /// <summary>The same person: by Entra object id when both have one, else by Teams id, else by name.</summary>
    private static bool SamePerson(MeetingPerson a, MeetingPerson b) =>
        a.AadObjectId is not null && b.AadObjectId is not null ? string.Equals(a.AadObjectId, b.AadObjectId, StringComparison.OrdinalIgnoreCase)
        : a.TeamsId is not null && b.TeamsId is not null ? string.Equals(a.TeamsId, b.TeamsId, StringComparison.OrdinalIgnoreCase)
        : string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The people of a change as written, for an example answer: "@Carol Chen and bob".</summary>
    private static string PeopleWritten(IReadOnlyList<Commands.MentionInput> mentions, IReadOnlyList<string> names) =>
        string.Join(" and ", mentions.Select(m => "@" + m.Name).Concat(names));

    /// <summary>
    /// "reschedule to 4pm": 4pm on the meeting's day in the sender's zone (a meeting tomorrow at 9 moves to tomorrow at
    /// 4), unless that moment has passed; then the next 4pm from now, as the parser read it, stands.
    /// </summary>
    internal static DateTimeOffset OnMeetingDay(DateTimeOffset requested, DateTimeOffset meetingStart, TimeZoneInfo zone, DateTimeOffset now)
    {
        var timeOfDay = Commands.ZonedTime.ToLocal(requested, zone).TimeOfDay;
        var onMeetingDay = Commands.ZonedTime.ToUtc(Commands.ZonedTime.ToLocal(meetingStart, zone).Date + timeOfDay, zone);
        return onMeetingDay >= now ? onMeetingDay : requested;
    }

    /// <summary>"move it to Friday": that day at the meeting's time of day in <paramref name="zone"/>.</summary>
    internal static DateTimeOffset AtMeetingTime(DateOnly day, DateTimeOffset meetingStart, TimeZoneInfo zone) =>
        Commands.ZonedTime.ToUtc(day.ToDateTime(TimeOnly.FromDateTime(Commands.ZonedTime.ToLocal(meetingStart, zone))), zone);

    public bool MayControl(Activity activity, MeetingRecord meeting)
    {
        string? who = activity.From?.AadObjectId;
        return who is not null
            && (string.Equals(who, meeting.Organizer.AadObjectId, StringComparison.OrdinalIgnoreCase)
                || options.Value.ExtraControllers.Contains(who, StringComparer.OrdinalIgnoreCase));
    }

    public async Task TryUpdateCardAsync(MeetingRecord meeting, CancellationToken cancellationToken)
    {
        if (meeting.CardActivityId is null)
        {
            return;
        }

        try
        {
            await messenger.UpdateCardAsync(meeting.Conversation, meeting.CardActivityId, await cards.BuildAsync(meeting, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            MeetingLog.CardUpdateFailed(logger, meeting.CardActivityId, ex);
        }
    }

    /// <summary>Posts a meeting's card and keeps the card's activity id on the stored meeting (starting from the version in hand).</summary>
    private async Task PostCardAsync(Activity activity, StoredItem<MeetingRecord> stored, JsonObject built, CancellationToken cancellationToken)
    {
        string? cardId;
        try
        {
            cardId = await messenger.ReplyCardAsync(activity, built, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await MarkCardPostFailedAsync(stored);
            throw;
        }

        if (cardId is not null)
        {
            await meetings.UpdateAsync(stored, m => m with { CardActivityId = cardId }, cancellationToken);
        }
    }

    /// <summary>Best effort: if even this write fails, a redelivery repairs the card once the turn lease has run out.</summary>
    private async Task MarkCardPostFailedAsync(StoredItem<MeetingRecord> stored)
    {
        try
        {
            var failedAt = timeProvider.GetUtcNow();
            await meetings.UpdateAsync(stored, m => m with { CardPostFailedAt = failedAt }, CancellationToken.None);
        }
        catch (StoreUnavailableException)
        {
        }
    }

    private async Task ApplySettingsAsync(string organizerId, string meetingId, CancellationToken cancellationToken)
    {
        try
        {
            await graph.ApplySettingsAsync(organizerId, meetingId, options.Value.LobbyBypass, options.Value.AllowedPresenters, cancellationToken);
        }
        catch (GraphFailureException failure)
        {
            // The meeting exists and works; only the lobby/presenter defaults were not applied.
            MeetingLog.SettingsFailed(logger, meetingId, failure.StatusCode ?? 0, failure.RequestId ?? "", failure);
        }
    }

    private static string DefaultSubject(Activity activity)
    {
        string who = activity.From?.Name is { Length: > 0 } name ? name : "Teams";
        string? where = activity.ChannelData?.Channel?.Name ?? activity.ChannelData?.Team?.Name ?? activity.Conversation?.Name;
        return where is { Length: > 0 } ? $"{who}'s meeting in {where}" : $"{who}'s meeting";
    }
}
