namespace TeamsMeetBot.Commands;

/// <summary>Why a message did not become a command.</summary>
public enum ParseFailureKind
{
    /// <summary>No command word was recognised.</summary>
    NotUnderstood,

    /// <summary>A time or date was there but could not be read with confidence ("tomorrow-ish", "25:00", "31 February", a day without a time).</summary>
    UnreadableTime,

    /// <summary>The start is already over (more than a minute ago).</summary>
    TimeInPast,

    /// <summary>The end is not after the start.</summary>
    EndBeforeStart,

    /// <summary>The end time and the duration say different things ("from 2 to 3pm for 2 hours").</summary>
    DurationConflict,

    /// <summary>Shorter than one minute.</summary>
    TooShort,

    /// <summary>Longer than 24 hours.</summary>
    TooLong,

    /// <summary>More than 365 days ahead.</summary>
    TooFarAhead,

    /// <summary>A reschedule that names no new time, length or shift; an invite or rename that names no one or no subject.</summary>
    NothingToChange,

    /// <summary>A phone number to ring or invite: the bot reaches people by their Teams account only.</summary>
    PhoneNumber,

    /// <summary>
    /// What the meeting's own controls in Teams do, not the bot: record, mute, end the meeting for everyone, take someone
    /// out of the call, stop a ring. The message says where that is done.
    /// </summary>
    TeamsControl,

    /// <summary>What the bot does not do at all (free/busy, reminders of its own, undo): the message says what it does instead.</summary>
    NotMyJob,
}
