namespace TeamsMeetBot.Meetings;

/// <summary>
/// Who may present in a new meeting (<c>Meetings:AllowedPresenters</c>). The names are Graph's
/// <c>onlineMeetingPresenters</c> values; see <see cref="MeetingLobbyBypass"/> for why the bot has its own type.
/// </summary>
public enum MeetingPresenters
{
    Everyone,
    Organization,
    RoleIsPresenter,
    Organizer,
}
