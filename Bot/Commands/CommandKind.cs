namespace TeamsMeetBot.Commands;

internal enum CommandKind
{
    None,
    Help,
    Meeting,
    Cancel,
    Reschedule,
    /// <summary>"add 15 min", "15 more minutes please", "we need 10 more min": the meeting longer by that much.</summary>
    Extend,
    Join,
    Ring,
    Leave,
    /// <summary>"we're done", "that's a wrap", "meeting's over": the bot leaves the call if it is in one.</summary>
    WrapUp,
    Status,
    List,
    /// <summary>"invite @carol", "add bob to the standup".</summary>
    Invite,
    /// <summary>"remove @bob from the meeting", "uninvite bob".</summary>
    Uninvite,
    /// <summary>"rename it to retro", "change the subject to Q4 planning".</summary>
    Rename,
    /// <summary>"what's my time zone?".</summary>
    TimeZone,
    /// <summary>"change my time zone to Europe/Berlin", "use UTC".</summary>
    SetTimeZone,
    /// <summary>"remove bob from the call", "hang up on bob", "stop ringing bob": Teams' own controls do these.</summary>
    RemoveFromCall,
    /// <summary>"what time is it?", "what's the date".</summary>
    Clock,
    /// <summary>"thanks", "thank you so much".</summary>
    Thanks,
    /// <summary>"ok", "great", "got it", "never mind".</summary>
    Acknowledgement,
}
