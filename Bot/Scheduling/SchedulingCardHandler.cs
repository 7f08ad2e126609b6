using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Scheduling;

/// <summary>
/// Offers the scheduling card when a typed meeting request could not be set up as written, and creates the meeting
/// when the card is submitted: same <see cref="MeetingService.CreateAsync(Activity, MeetingRequest, string, CancellationToken)"/>
/// path, same limits as the typed command. The meeting is keyed on the scheduling card's own message id and the
/// sender, so pressing "Create meeting" twice (or a redelivered invoke) returns the same meeting.
/// </summary>
public sealed class SchedulingCardHandler(
    MeetingService meetings,
    BotMessenger messenger,
    IOptions<MeetingsOptions> meetingOptions,
    TimeProvider timeProvider,
    ILogger<SchedulingCardHandler> logger)
{
    public const string NotYourCardMessage = "This card was made for the person who asked. To set up your own meeting, type meet followed by when, e.g. meet tomorrow at 10:00.";
    public const string DamagedCardMessage = "That card's data doesn't look like one I made, so I didn't act on it. Type the meeting request again, e.g. meet tomorrow at 10:00.";

    /// <summary>True for the failures where a card helps: the time couldn't be read, or it broke a limit (past, too long, too far, end before start, conflict).</summary>
    public static bool Offers(ParseFailure failure) =>
        failure.Understood is not null
        && (failure.NeedsSchedulingCard || failure.Kind is ParseFailureKind.UnreadableTime or ParseFailureKind.TimeInPast or ParseFailureKind.EndBeforeStart
            or ParseFailureKind.TooShort or ParseFailureKind.TooLong or ParseFailureKind.TooFarAhead or ParseFailureKind.DurationConflict);

    /// <summary>Replies with the explanation and a scheduling card prefilled with what was understood.</summary>
    public Task<string?> OfferAsync(Activity activity, CommandInput input, ParseFailure failure, CancellationToken cancellationToken)
    {
        var form = FormFor(failure.Understood!, input, activity.From?.AadObjectId, meetingOptions.Value.DefaultDurationMinutes);
        string problem = failure.Message + (string.IsNullOrWhiteSpace(failure.Suggestion) ? "" : " Or fill in the card below.");
        return messenger.ReplyCardAsync(activity, SchedulingCard.Build(form, problem), cancellationToken);
    }

    /// <summary>The card's starting values: what was understood, with a date that is no longer possible moved to the next day the time is still ahead.</summary>
    public static SchedulingForm FormFor(SchedulingDraft draft, CommandInput input, string? requesterAadObjectId, int defaultDurationMinutes)
    {
        var nowLocal = ZonedTime.ToLocal(input.Now, input.TimeZone);
        var today = DateOnly.FromDateTime(nowLocal);
        var date = draft.Date;
        var time = draft.Time;
        if (time is { } t)
        {
            var nextPossible = today.ToDateTime(t) > nowLocal ? today : today.AddDays(1);
            if (date is null || date.Value.ToDateTime(t) < nowLocal || date.Value.ToDateTime(t) > nowLocal + TimeResolution.MaximumAhead)
            {
                date = nextPossible;
            }
        }
        else if (date is { } d && (d < today || d.ToDateTime(TimeOnly.MinValue) > nowLocal + TimeResolution.MaximumAhead))
        {
            date = null;
        }

        int duration = draft.Duration is { } length && length >= TimeResolution.MinimumLength && length <= TimeResolution.MaximumLength && length.Ticks % TimeSpan.TicksPerMinute == 0
            ? (int)length.TotalMinutes
            : defaultDurationMinutes;
        return new SchedulingForm
        {
            Date = date,
            Time = time,
            DurationMinutes = duration,
            Subject = draft.Subject,
            People = [.. draft.Attendees.Select(a => new MentionTarget(a.Id, a.Name, a.IsTag)), .. draft.TypedNames.Select(n => new MentionTarget("", n))],
            InviteEveryone = draft.InviteEveryone,
            Excluded = draft.Excluded.Select(e => new MentionTarget(e.Id, e.Name, e.IsTag)).ToList(),
            Location = draft.Location,
            TimeZoneId = draft.TimeZoneId,
            TimeZoneAssumed = input.TimeZoneAssumed,
            RequesterAadObjectId = requesterAadObjectId,
            Today = today,
        };
    }

    /// <summary>Runs a "Create meeting" press (an Action.Execute invoke, or its Action.Submit fallback message).</summary>
    public async Task<AdaptiveCardInvokeResponse> HandleSubmitAsync(CardAction action, CancellationToken cancellationToken)
    {
        var activity = action.Activity;
        var now = timeProvider.GetUtcNow();
        var senderZone = TimeZoneResolver.Resolve(activity.ClientInfo?.Timezone, activity.LocalTimezone, activity.LocalTimestamp);
        var submission = SchedulingSubmission.Read(action.Data, senderZone.Zone, senderZone.Assumed, meetingOptions.Value.DefaultDurationMinutes, now);
        if (submission.Damaged)
        {
            SchedulingLog.SubmissionRefused(logger, "malformed card data");
            return AdaptiveCardInvokeResponse.Message(DamagedCardMessage);
        }

        string? presser = activity.From?.AadObjectId;
        if (submission.Form.RequesterAadObjectId is { } requester && !string.Equals(requester, presser, StringComparison.OrdinalIgnoreCase))
        {
            SchedulingLog.SubmissionRefused(logger, "pressed by someone other than the requester");
            return AdaptiveCardInvokeResponse.Message(NotYourCardMessage);
        }

        if (string.IsNullOrEmpty(presser))
        {
            return AdaptiveCardInvokeResponse.Message(MeetingService.NoEntraAccountMessage);
        }

        if (!submission.IsComplete)
        {
            return await AnswerAsync(action, SchedulingCard.Build(submission.Form, "I couldn't set that meeting up: " + string.Join("; ", submission.Problems) + "."), everyone: false, cancellationToken);
        }

        var form = submission.Form;
        var start = ZonedTime.ToUtc(form.Date!.Value.ToDateTime(form.Time!.Value), submission.Zone);
        var duration = TimeSpan.FromMinutes(form.DurationMinutes);
        string? limit = start < now - TimeResolution.Grace
            ? "that time is already over"
            : start > now + TimeResolution.MaximumAhead ? "that is more than a year ahead (meetings can be set up to a year ahead)" : null;
        if (limit is not null)
        {
            string understood = ZonedTime.Describe(start, start + duration, submission.Zone, form.TimeZoneAssumed, now);
            var corrected = form with { Date = limit.StartsWith("that time", StringComparison.Ordinal) ? NextDayAhead(form.Time!.Value, submission.Zone, now) : form.Today.AddDays(1) };
            return await AnswerAsync(action, SchedulingCard.Build(corrected, "I couldn't set that meeting up: " + limit + ". I understood " + understood + ". Pick a time that is still ahead."), everyone: false, cancellationToken);
        }

        var request = new MeetingRequest
        {
            Subject = form.Subject,
            StartUtc = start,
            Duration = duration,
            Mentions = [.. form.People.Where(p => p.Id.Length > 0)],
            TypedNames = [.. form.People.Where(p => p.Id.Length == 0).Select(p => p.Name)],
            InviteEveryone = form.InviteEveryone,
            Excluded = form.Excluded,
            TimeZoneId = form.TimeZoneId,
            TimeZoneAssumed = form.TimeZoneAssumed,
            Location = form.Location,
        };
        string cardMessageId = activity.ReplyToId is { Length: > 0 } replyTo ? replyTo : activity.Id ?? Guid.NewGuid().ToString("N");
        string idempotencySource = string.Create(CultureInfo.InvariantCulture, $"scheduling-card|{cardMessageId}|{presser}");
        var meeting = await meetings.CreateAsync(activity, request, idempotencySource, cancellationToken);
        if (meeting is null)
        {
            return await AnswerAsync(action, SchedulingCard.Build(form, "I couldn't create the meeting: my message below says why. You can try again with this card."), everyone: false, cancellationToken);
        }

        return await AnswerAsync(action, SchedulingCard.BuildCreated(meeting), everyone: true, cancellationToken);
    }

    private static DateOnly NextDayAhead(TimeOnly time, TimeZoneInfo zone, DateTimeOffset now)
    {
        var nowLocal = ZonedTime.ToLocal(now, zone);
        var today = DateOnly.FromDateTime(nowLocal);
        return today.ToDateTime(time) > nowLocal ? today : today.AddDays(1);
    }

    /// <summary>
    /// The invoke response replaces the card for the person who pressed. When the meeting was created (or the press came as
    /// an Action.Submit message, which has no card response), the posted card is also replaced for everyone.
    /// </summary>
    private async Task<AdaptiveCardInvokeResponse> AnswerAsync(CardAction action, JsonObject card, bool everyone, CancellationToken cancellationToken)
    {
        var activity = action.Activity;
        if ((everyone || !action.IsInvoke) && activity.ReplyToId is { Length: > 0 } cardId && ConversationReferenceStore.From(activity) is { } reference)
        {
            try
            {
                await messenger.UpdateCardAsync(reference, cardId, card, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                SchedulingLog.CardUpdateFailed(logger, cardId, ex);
            }
        }

        return AdaptiveCardInvokeResponse.Card(card);
    }
}
