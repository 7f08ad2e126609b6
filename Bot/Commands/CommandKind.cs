namespace TeamsMeetBot.Commands;

internal enum CommandKind
{
    None,
    Help,
    Meeting,
    Cancel,
    Reschedule,
    Join,
    Ring,
    Leave,
    Status,
    List,
    /// <summary>"thanks", "thank you so much".</summary>
    Thanks,
    /// <summary>"ok", "great", "got it", "never mind".</summary>
    Acknowledgement,
}
