namespace TeamsMeetBot.Meetings;

/// <summary>
/// The body of Graph's <c>POST /users/{organizer}/onlineMeetings/createOrGet</c>, written with a source-generated
/// contract (<see cref="GraphOnlineMeetingJsonContext"/>): the same JSON the Graph SDK's
/// <c>CreateOrGetPostRequestBody</c> produces (Graph's camelCase names, nulls left out), without the SDK's
/// change-tracking models, whose serialization took 0.3 ms of a meeting command's critical path.
/// </summary>
internal sealed record GraphCreateOrGetRequest(
    string ExternalId,
    string Subject,
    DateTimeOffset StartDateTime,
    DateTimeOffset EndDateTime,
    GraphCreateOrGetRequest.MeetingParticipants Participants)
{
    /// <summary>Graph's <c>meetingParticipants</c>.</summary>
    internal sealed record MeetingParticipants(Participant Organizer, IReadOnlyList<Participant> Attendees);

    /// <summary>Graph's <c>meetingParticipantInfo</c>; <c>role</c> is an <c>onlineMeetingRole</c> (<c>attendee</c>).</summary>
    internal sealed record Participant(IdentitySet Identity, string? Upn = null, string? Role = null);

    /// <summary>Graph's <c>identitySet</c> with a user.</summary>
    internal sealed record IdentitySet(Identity User);

    /// <summary>Graph's <c>identity</c>.</summary>
    internal sealed record Identity(string Id, string? DisplayName = null);
}
