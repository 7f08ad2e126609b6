namespace TeamsMeetBot.Meetings;

public enum MeetingStatus
{
    Active,
    Cancelled,
}
