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
}
