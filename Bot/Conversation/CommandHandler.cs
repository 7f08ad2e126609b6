using Microsoft.Extensions.Options;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Calls;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Meetings;
using TeamsMeetBot.Scheduling;

namespace TeamsMeetBot.Conversation;

/// <summary>
/// Reads a message as a command (text without the bot's mention, the other mention entities, the
/// sender's time zone and locale, now) and runs it. Anything not understood gets the help card with
/// the closest valid command; nothing is answered with silence.
/// </summary>
public sealed class CommandHandler(
    BotMessenger messenger,
    MeetingService meetings,
    CallService calls,
    IOptions<MeetingsOptions> meetingOptions,
    SchedulingCardHandler schedulingCards,
    CallingSetup calling,
    TimeProvider timeProvider)
{
    public const string CallingNotConfiguredMessage =
        "I can't join calls here yet: calling isn't set up for this bot. An admin needs to turn on calling for the bot's Microsoft Teams channel " +
        "(Azure Bot → Channels → Microsoft Teams → Calling, webhook https://<bot host>/api/calls), grant the Microsoft Graph application permissions " +
        "Calls.JoinGroupCall.All and Calls.InitiateGroupCall.All with admin consent, and set Calls:PublicBaseUrl in the bot's configuration. " +
        "Until then, everyone can join with the Join button on the meeting card.";

    /// <summary>Reads the message as a command and runs it; a message it does not understand gets the help card.</summary>
    /// <remarks>
    /// Each command runs in a method of its own, and this one only picks it: a single async method over every
    /// command kept an awaiter for each of them in one state machine, allocated (about 1 KB) for every message.
    /// </remarks>
    public Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        var input = ToCommandInput(activity, timeProvider.GetUtcNow(), TimeSpan.FromMinutes(meetingOptions.Value.DefaultDurationMinutes));
        bool isGroup = !string.Equals(activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase);
        return RunAsync(activity, input, CommandParser.Parse(input), isGroup, cancellationToken);
    }

    private Task RunAsync(Activity activity, CommandInput input, ParseResult parsed, bool isGroup, CancellationToken cancellationToken) =>
        parsed switch
        {
            HelpCommand => messenger.ReplyCardAsync(activity, HelpCard.Standard(isGroup, calling.IsConfigured), cancellationToken),
            CreateMeetingCommand create => meetings.CreateAsync(activity, ToRequest(create, input), cancellationToken),
            CancelMeetingCommand cancel => CancelAsync(activity, cancel, cancellationToken),
            RescheduleMeetingCommand reschedule => RescheduleAsync(activity, input, reschedule, isGroup, cancellationToken),
            JoinCallCommand => JoinAsync(activity, cancellationToken),
            RingCommand ring => RingAsync(activity, ring, cancellationToken),
            LeaveCallCommand leave => LeaveAsync(activity, leave, cancellationToken),
            StatusCommand => StatusAsync(activity, cancellationToken),
            ChangeMeetingCommand change => ChangeAsync(activity, change, cancellationToken),
            TimeZoneQuestionCommand zone => messenger.ReplyTextAsync(activity, zone.Answer, cancellationToken),
            ClockQuestionCommand clock => messenger.ReplyTextAsync(activity, clock.Answer, cancellationToken),
            AcknowledgementCommand { Thanks: true } => messenger.ReplyTextAsync(activity, "You're welcome!", cancellationToken),
            AcknowledgementCommand => messenger.ReplyTextAsync(activity, "👍", cancellationToken),
            ListMeetingsCommand list => ListAsync(activity, list, cancellationToken),
            ParseFailure { Kind: ParseFailureKind.NotUnderstood } failure =>
                messenger.ReplyCardAsync(activity, HelpCard.Build(failure.Written is { Length: > 0 } written ? written : "(empty message)", failure.Suggestion, isGroup, calling.IsConfigured), cancellationToken),
            ParseFailure failure when SchedulingCardHandler.Offers(failure) => schedulingCards.OfferAsync(activity, input, failure, cancellationToken),
            ParseFailure failure => messenger.ReplyTextAsync(activity, failure.Message, cancellationToken),
            _ => messenger.ReplyCardAsync(activity, HelpCard.Build(input.Text, "help", isGroup, calling.IsConfigured), cancellationToken),
        };


    private async Task CancelAsync(Activity activity, CancelMeetingCommand cancel, CancellationToken cancellationToken) =>
        await messenger.ReplyTextAsync(activity, await meetings.CancelAsync(activity, cancel, cancellationToken), cancellationToken);

    /// <summary>Moves the meeting; "let's meet at 4 instead" with none here to move does what the words ask on their own.</summary>
    private async Task RescheduleAsync(Activity activity, CommandInput input, RescheduleMeetingCommand reschedule, bool isGroup, CancellationToken cancellationToken)
    {
        if (await meetings.RescheduleAsync(activity, reschedule, cancellationToken) is { } answer)
        {
            await messenger.ReplyTextAsync(activity, answer, cancellationToken);
        }
        else if (reschedule.IfNoneToChange is { } otherwise)
        {
            await RunAsync(activity, input, otherwise, isGroup, cancellationToken);
        }
    }

    private async Task ChangeAsync(Activity activity, ChangeMeetingCommand change, CancellationToken cancellationToken)
    {
        var result = await meetings.ChangeAsync(activity, change, cancellationToken);
        string message = result.Message;
        if (result.UnderWay is { } meeting && change.Invites && await calls.IsInCallAsync(meeting, cancellationToken))
        {
            // "add @carol" while the meeting is under way and the bot is in its call: ring her in.
            var targets = change.Invite.Select(t => new MentionTarget(t.Id, t.Name, t.IsTag)).ToList();
            message = (await calls.RingAsync(activity, meeting.Key, targets, change.InviteByName, cancellationToken)).Message;
        }

        await messenger.ReplyTextAsync(activity, message, cancellationToken);
    }

    private async Task JoinAsync(Activity activity, CancellationToken cancellationToken) =>
        await messenger.ReplyTextAsync(activity, (await calls.JoinAsync(activity, meetingKey: null, cancellationToken)).Message, cancellationToken);

    private async Task RingAsync(Activity activity, RingCommand ring, CancellationToken cancellationToken)
    {
        var targets = ring.Targets.Select(t => new MentionTarget(t.Id, t.Name, t.IsTag)).ToList();
        string message = (await calls.RingAsync(activity, meetingKey: null, targets, ring.NamesToLookUp, cancellationToken)).Message;
        await messenger.ReplyTextAsync(activity, message, cancellationToken);
    }

    /// <summary>"leave" answers why the bot did not leave; "we're done" with the bot in no call is only acknowledged.</summary>
    private async Task LeaveAsync(Activity activity, LeaveCallCommand leave, CancellationToken cancellationToken)
    {
        var left = await calls.LeaveAsync(activity, meetingKey: null, cancellationToken);
        await messenger.ReplyTextAsync(activity, leave.WrappingUp && left.NotInACall ? "👍" : left.Message, cancellationToken);
    }

    private async Task ListAsync(Activity activity, ListMeetingsCommand list, CancellationToken cancellationToken)
    {
        var found = await meetings.ListAsync(activity, list, cancellationToken);
        string whose = list.Mine ? "your meetings" : "meetings";
        if (found.Fitting.Count == 0)
        {
            await messenger.ReplyTextAsync(activity, found.StillToCome == 0
                ? $"There are no {whose} still to come in this conversation. Say “meet now”, or “meet tomorrow at 10 about the budget”, to set one up."
                : $"No {whose} here still to come {list.Which.Describe(several: true)}. There {(found.StillToCome == 1 ? "is 1" : "are " + found.StillToCome)} in all: say “{(list.Mine ? "list my meetings" : "list meetings")}” to see {(found.StillToCome == 1 ? "it" : "them")}.",
                cancellationToken);
            return;
        }

        string heading = list.Which.Next
            ? (list.Mine ? "Your next meeting here" : "The next meeting here") + (list.Which.Describe(several: false) is { Length: > 0 } next && next != "is still to come" ? " that " + next : "")
            : (list.Mine ? "Your meetings" : "Meetings") + " here still to come" + (list.Which.SaysWhich ? " that " + list.Which.Describe(several: true) : "");
        await messenger.ReplyCardAsync(activity, MeetingListCard.Build(heading, found.Fitting, withCount: !list.Which.Next, withDialIn: list.DialIn), cancellationToken);
    }

    private async Task StatusAsync(Activity activity, CancellationToken cancellationToken) =>
        await messenger.ReplyTextAsync(activity, await calls.StatusAsync(activity, cancellationToken), cancellationToken);

    /// <summary>The parser's input for an activity: the bot's own mention removed, the sender's zone resolved.</summary>
    public static CommandInput ToCommandInput(Activity activity, DateTimeOffset now, TimeSpan defaultDuration)
    {
        string? botId = activity.Recipient?.Id;
        List<MentionInput>? mentions = null; // most messages mention no one but the bot: no list for them
        foreach (var m in activity.Mentions)
        {
            var mentioned = m.Mentioned!;
            if (!string.IsNullOrEmpty(mentioned.Id) && !string.Equals(mentioned.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                (mentions ??= []).Add(new MentionInput(mentioned.Id, mentioned.Name ?? "", m.Text ?? MentionMarkup.For(mentioned.Name ?? ""),
                    IsTag: string.Equals(mentioned.Type, "tag", StringComparison.OrdinalIgnoreCase)));
            }
        }

        var clientInfo = activity.ClientInfo;
        var zone = TimeZoneResolver.Resolve(clientInfo?.Timezone, activity.LocalTimezone, activity.LocalTimestamp);
        return new CommandInput(ActivityText.CommandText(activity), mentions ?? [], zone.Zone, zone.Assumed, activity.Locale ?? clientInfo?.Locale, now, defaultDuration);
    }

    private static MeetingRequest ToRequest(CreateMeetingCommand command, CommandInput input) => new()
    {
        Subject = command.Subject,
        StartUtc = command.IsScheduled ? command.Start : null,
        Duration = command.Duration,
        Mentions = command.Attendees.Select(a => new MentionTarget(a.Id, a.Name, a.IsTag)).ToList(),
        InviteEveryone = command.InviteEveryone,
        Excluded = command.Excluded.Select(e => new MentionTarget(e.Id, e.Name, e.IsTag)).ToList(),
        TypedNames = command.NamesToLookUp,
        TimeZoneId = (command.WrittenZone ?? input.TimeZone).Id,
        TimeZoneAssumed = command.TimeZoneAssumed,
        Location = command.Location,
    };
}
