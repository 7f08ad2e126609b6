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
    DateTimeOffset? EndDateTime = null)
{
    /// <summary>Graph's <c>lobbyBypassSettings</c>; <c>scope</c> is a <c>lobbyBypassScope</c>.</summary>
    internal sealed record LobbyBypass(string Scope, bool IsDialInBypassEnabled);
}
