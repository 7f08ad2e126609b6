namespace TeamsMeetBot.Meetings;

/// <summary>Meeting defaults (configuration section <c>Meetings</c>).</summary>
public sealed class MeetingsOptions
{
    public const string Section = "Meetings";

    /// <summary>Length of a meeting when the command gives none.</summary>
    public int DefaultDurationMinutes { get; set; } = 30;

    /// <summary>Who skips the lobby: organizer, organization (default), organizationAndFederated, everyone, invited, organizationExcludingGuests.</summary>
    public MeetingLobbyBypass LobbyBypass { get; set; } = MeetingLobbyBypass.Organization;

    /// <summary>Who may present: everyone (default), organization, roleIsPresenter, organizer.</summary>
    public MeetingPresenters AllowedPresenters { get; set; } = MeetingPresenters.Everyone;

    /// <summary>Entra object ids allowed to cancel any meeting (or make the bot leave), besides its organizer (e.g. incident commanders).</summary>
    public IList<string> ExtraControllers { get; } = [];
}
