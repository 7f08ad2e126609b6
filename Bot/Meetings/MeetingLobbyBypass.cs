namespace TeamsMeetBot.Meetings;

/// <summary>
/// Who skips a new meeting's lobby (<c>Meetings:LobbyBypass</c>). The names are Graph's <c>lobbyBypassScope</c>
/// values; the bot's own type keeps the settings free of Graph SDK types, so binding them at start does not load the SDK.
/// </summary>
public enum MeetingLobbyBypass
{
    Organizer,
    Organization,
    OrganizationAndFederated,
    Everyone,
    Invited,
    OrganizationExcludingGuests,
}
