using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace TeamsMeetBot.Meetings;

/// <summary>
/// The Graph online-meeting calls the bot makes, app-only on behalf of the organizer
/// (<c>/users/{organizer}/onlineMeetings</c>). Every failure surfaces as a <see cref="GraphFailureException"/>.
/// Every call goes through the Graph SDK's request adapter (authentication, Graph's error mapping), and its retry
/// handler already retries 429/503/504 honouring Retry-After. A meeting command's calls (createOrGet, the PATCHes)
/// write and read their JSON with the bot's own contracts (<see cref="GraphCreateOrGetRequest"/>,
/// <see cref="GraphOnlineMeeting"/>, <see cref="GraphOnlineMeetingPatch"/>) rather than the SDK's models, whose
/// change-tracking cost a meeting command two thirds of its allocations; tests hold the contracts to the models.
/// Methods are virtual so tests can fake Graph without HTTP.
/// </summary>
public class OnlineMeetingsClient
{
    // Graph's error answers, as the SDK's generated request builders map them: any status to an ODataError.
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ODataErrorMapping = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    // Graph's onlineMeetingRole for invited people.
    private const string AttendeeRole = "attendee";

    private readonly GraphClientProvider? _graph;

    // The provider, not the Graph client: the Graph SDK's assemblies load at the first call, not at start.
    public OnlineMeetingsClient(GraphClientProvider graph) => _graph = graph;

    protected OnlineMeetingsClient()
    {
    }

    private GraphServiceClient Graph => (_graph ?? throw new InvalidOperationException("No Graph client.")).Client;

    /// <summary>Idempotent create: the same organizer + externalId returns the same meeting (201 first, 200 after).</summary>
    public virtual async Task<CreatedOnlineMeeting> CreateOrGetAsync(string organizerId, string externalId, string subject, DateTimeOffset startUtc, DateTimeOffset endUtc,
        IReadOnlyList<MeetingPerson> attendees, CancellationToken cancellationToken)
    {
        var body = CreateOrGetBody(organizerId, externalId, subject, startUtc, endUtc, attendees);
        var request = JsonRequest(Method.POST, CreateOrGetUri(Graph.RequestAdapter.BaseUrl!, organizerId),
            JsonSerializer.SerializeToUtf8Bytes(body, GraphOnlineMeetingJsonContext.Default.GraphCreateOrGetRequest));
        var created = await CallAsync(() => SendAndReadMeetingAsync(request, cancellationToken))
            ?? throw new GraphFailureException(GraphFailureKind.Unavailable, null, null, null, "createOrGet returned no meeting", null);
        return ToCreated(created);
    }

    /// <summary>createOrGet's body: organizer, times in UTC, and the attendees Graph can invite (those with an Entra object id).</summary>
    internal static GraphCreateOrGetRequest CreateOrGetBody(string organizerId, string externalId, string subject, DateTimeOffset startUtc, DateTimeOffset endUtc,
        IReadOnlyList<MeetingPerson> attendees) => new(
            externalId,
            subject,
            startUtc.ToUniversalTime(),
            endUtc.ToUniversalTime(),
            new GraphCreateOrGetRequest.MeetingParticipants(
                new GraphCreateOrGetRequest.Participant(new GraphCreateOrGetRequest.IdentitySet(new GraphCreateOrGetRequest.Identity(organizerId))),
                AttendeesOf(attendees)));

    /// <summary>Graph's attendees: the people with an Entra object id, by that id, with their UPN, as attendees.</summary>
    private static List<GraphCreateOrGetRequest.Participant> AttendeesOf(IReadOnlyList<MeetingPerson> attendees) =>
        [.. attendees.Where(a => a.AadObjectId is not null).Select(a => new GraphCreateOrGetRequest.Participant(
            new GraphCreateOrGetRequest.IdentitySet(new GraphCreateOrGetRequest.Identity(a.AadObjectId!, a.Name)), a.UserPrincipalName, AttendeeRole))];

    /// <summary><c>/users/{userId}/onlineMeetings/createOrGet</c> under the Graph client's base URL.</summary>
    internal static Uri CreateOrGetUri(string baseUrl, string userId) =>
        new(OnlineMeetingsPath(baseUrl, userId) + "createOrGet");

    /// <summary><c>/users/{userId}/onlineMeetings/{meetingId}</c> under the Graph client's base URL.</summary>
    internal static Uri MeetingUri(string baseUrl, string userId, string meetingId) =>
        new(OnlineMeetingsPath(baseUrl, userId) + Uri.EscapeDataString(meetingId));

    // Each id is escaped as one path segment, as the SDK's URI templates expand {userId} and {meetingId}; built
    // directly, because expanding a template cost each request about 4 KB of garbage (tests hold the two equal).
    private static string OnlineMeetingsPath(string baseUrl, string userId) =>
        baseUrl.TrimEnd('/') + "/users/" + Uri.EscapeDataString(userId) + "/onlineMeetings/";

    /// <summary>
    /// A request for the SDK's request adapter: Graph's documented path, with a JSON body the bot's contracts wrote
    /// (see <see cref="GraphCreateOrGetRequest"/>).
    /// </summary>
    private static RequestInformation JsonRequest(Method method, Uri uri, byte[] body)
    {
        var request = new RequestInformation { HttpMethod = method, URI = uri };
        request.Headers.Add("Accept", "application/json");
        request.SetStreamContent(new MemoryStream(body), "application/json");
        return request;
    }

    /// <summary>
    /// Sends a request through the Graph SDK's pipeline (authentication, retries, Graph's error mapping) and reads the
    /// meeting it answers with the bot's own contract (<see cref="GraphOnlineMeeting"/>), not the SDK's model.
    /// </summary>
    private async Task<GraphOnlineMeeting?> SendAndReadMeetingAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        var stream = await Graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ODataErrorMapping, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            return await JsonSerializer.DeserializeAsync(stream, GraphOnlineMeetingJsonContext.Default.GraphOnlineMeeting, cancellationToken);
        }
    }

    internal static CreatedOnlineMeeting ToCreated(GraphOnlineMeeting meeting) => new()
    {
        Id = meeting.Id is { Length: > 0 } id ? id : throw new GraphFailureException(GraphFailureKind.Unavailable, null, null, null, "Graph returned a meeting without an id", null),
        Subject = meeting.Subject,
        StartUtc = meeting.StartDateTime?.ToUniversalTime(),
        EndUtc = meeting.EndDateTime?.ToUniversalTime(),
        JoinWebUrl = meeting.JoinWebUrl,
        ChatThreadId = meeting.ChatInfo?.ThreadId,
        ChatMessageId = meeting.ChatInfo?.MessageId,
        ChatReplyChainMessageId = meeting.ChatInfo?.ReplyChainMessageId,
        JoinMeetingId = meeting.JoinMeetingIdSettings?.JoinMeetingId,
        Passcode = meeting.JoinMeetingIdSettings?.Passcode,
        DialInNumber = meeting.AudioConferencing?.TollNumber ?? First(meeting.AudioConferencing?.TollNumbers),
        TollFreeNumber = meeting.AudioConferencing?.TollFreeNumber ?? First(meeting.AudioConferencing?.TollFreeNumbers),
        ConferenceId = meeting.AudioConferencing?.ConferenceId,
        DialInUrl = meeting.AudioConferencing?.DialInUrl,
    };

    private static string? First(IReadOnlyList<string>? numbers) => numbers is { Count: > 0 } ? numbers[0] : null;

    /// <summary>Applies the settings createOrGet does not take (reference §1.2): lobby bypass and presenters.</summary>
    public virtual Task ApplySettingsAsync(string organizerId, string meetingId, MeetingLobbyBypass lobbyBypass, MeetingPresenters presenters, CancellationToken cancellationToken) =>
        PatchAsync(organizerId, meetingId, new GraphOnlineMeetingPatch(
            LobbyBypassSettings: new GraphOnlineMeetingPatch.LobbyBypass(ToGraph(lobbyBypass), IsDialInBypassEnabled: false),
            AllowedPresenters: ToGraph(presenters)), cancellationToken);

    /// <summary>Graph's <c>lobbyBypassScope</c> spelling.</summary>
    internal static string ToGraph(MeetingLobbyBypass value) => value switch
    {
        MeetingLobbyBypass.Organizer => "organizer",
        MeetingLobbyBypass.Organization => "organization",
        MeetingLobbyBypass.OrganizationAndFederated => "organizationAndFederated",
        MeetingLobbyBypass.Everyone => "everyone",
        MeetingLobbyBypass.Invited => "invited",
        MeetingLobbyBypass.OrganizationExcludingGuests => "organizationExcludingGuests",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a lobby bypass scope."),
    };

    /// <summary>Graph's <c>onlineMeetingPresenters</c> spelling.</summary>
    internal static string ToGraph(MeetingPresenters value) => value switch
    {
        MeetingPresenters.Everyone => "everyone",
        MeetingPresenters.Organization => "organization",
        MeetingPresenters.RoleIsPresenter => "roleIsPresenter",
        MeetingPresenters.Organizer => "organizer",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not an online meeting presenters value."),
    };

    /// <summary>Moves a meeting; Graph needs start and end together (reference §1.4).</summary>
    public virtual Task RescheduleAsync(string organizerId, string meetingId, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken) =>
        PatchAsync(organizerId, meetingId, new GraphOnlineMeetingPatch(StartDateTime: startUtc.ToUniversalTime(), EndDateTime: endUtc.ToUniversalTime()), cancellationToken);

    /// <summary>Changes a meeting's subject.</summary>
    public virtual Task RenameAsync(string organizerId, string meetingId, string subject, CancellationToken cancellationToken) =>
        PatchAsync(organizerId, meetingId, new GraphOnlineMeetingPatch(Subject: subject), cancellationToken);

    /// <summary>Sets who is invited: Graph replaces the attendee list as a whole, so this is every attendee (reference §1.4).</summary>
    public virtual Task SetAttendeesAsync(string organizerId, string meetingId, IReadOnlyList<MeetingPerson> attendees, CancellationToken cancellationToken) =>
        PatchAsync(organizerId, meetingId, new GraphOnlineMeetingPatch(Participants: new GraphOnlineMeetingPatch.AttendeeList(AttendeesOf(attendees))), cancellationToken);

    /// <summary>
    /// PATCH of a meeting. Graph answers with the whole updated meeting, which the bot has no use for: the answer is
    /// not read, only its status and Graph's error mapping count.
    /// </summary>
    private Task PatchAsync(string organizerId, string meetingId, GraphOnlineMeetingPatch changes, CancellationToken cancellationToken) =>
        CallAsync(() => Graph.RequestAdapter.SendNoContentAsync(
            JsonRequest(Method.PATCH, MeetingUri(Graph.RequestAdapter.BaseUrl!, organizerId, meetingId),
                JsonSerializer.SerializeToUtf8Bytes(changes, GraphOnlineMeetingJsonContext.Default.GraphOnlineMeetingPatch)),
            ODataErrorMapping, cancellationToken));

    /// <summary>Deletes a meeting; a meeting that is already gone counts as deleted.</summary>
    public virtual async Task DeleteAsync(string organizerId, string meetingId, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(async () =>
            {
                await Graph.Users[organizerId].OnlineMeetings[meetingId].DeleteAsync(cancellationToken: cancellationToken);
                return true;
            });
        }
        catch (GraphFailureException ex) when (ex.Kind == GraphFailureKind.NotFound)
        {
        }
    }

    /// <summary>
    /// Members of a Teams tag (reference: teamworkTag; needs TeamworkTag.Read.All), as people Graph can invite:
    /// members without an Entra object id are left out.
    /// </summary>
    public virtual async Task<IReadOnlyList<MeetingPerson>> GetTagMembersAsync(string teamGroupId, string tagId, CancellationToken cancellationToken)
    {
        var page = await CallAsync(() => Graph.Teams[teamGroupId].Tags[tagId].Members.GetAsync(cancellationToken: cancellationToken));
        return [.. (page?.Value ?? []).Where(m => m.UserId is not null).Select(m => new MeetingPerson(TeamsId: null, m.DisplayName ?? m.UserId!, m.UserId, UserPrincipalName: null))];
    }

    /// <summary>The id of a team's tag, found by display name (tag mentions arrive with the tag's name); null when none matches.</summary>
    public virtual async Task<string?> FindTagIdAsync(string teamGroupId, string displayName, CancellationToken cancellationToken)
    {
        var page = await CallAsync(() => Graph.Teams[teamGroupId].Tags.GetAsync(cancellationToken: cancellationToken));
        return page?.Value?.FirstOrDefault(t => string.Equals(t.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    private static async Task<T?> CallAsync<T>(Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || ex is TaskCanceledException { InnerException: TimeoutException })
        {
            throw GraphErrors.Classify(ex);
        }
    }

    private static async Task CallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || ex is TaskCanceledException { InnerException: TimeoutException })
        {
            throw GraphErrors.Classify(ex);
        }
    }
}
