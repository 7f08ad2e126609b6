namespace TeamsMeetBot.Meetings;

/// <summary>
/// The body of Graph's <c>PATCH /users/{organizer}/onlineMeetings/{id}</c>: only the properties being changed (nulls
/// are not written), with Graph's names and enum spellings (<see cref="OnlineMeetingsClient.ToGraph(MeetingLobbyBypass)"/>).
/// Written with a source-generated contract (<see cref="GraphOnlineMeetingJsonContext"/>) like createOrGet's body.
/// </summary>
internal sealed record GraphOnlineMeetingPatch(
    GraphOnlineMeetingPatch.LobbyBypass? LobbyBypassSettings = null,
    string? AllowedPresenters = null,
    DateTimeOffset? StartDateTime = null,
    DateTimeOffset? EndDateTime = null,
    string? Subject = null,
    GraphOnlineMeetingPatch.AttendeeList? Participants = null)
{
    /// <summary>Graph's <c>meetingParticipants</c> with only its attendees: a PATCH replaces the whole list, and the organizer cannot change.</summary>
    internal sealed record AttendeeList(IReadOnlyList<GraphCreateOrGetRequest.Participant> Attendees);

    /// <summary>Graph's <c>lobbyBypassSettings</c>; <c>scope</c> is a <c>lobbyBypassScope</c>.</summary>
    internal sealed record LobbyBypass(string Scope, bool IsDialInBypassEnabled);
}
