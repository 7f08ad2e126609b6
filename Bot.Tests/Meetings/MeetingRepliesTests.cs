using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Tests.Meetings;

/// <summary>
/// Each Graph failure gets an answer that names what was being done. A failed cancel or change used to read "I couldn't
/// cancel the meeting in Teams. I couldn't create the meeting: …", as every answer was written for a create.
/// </summary>
public sealed class MeetingRepliesTests
{
    public static TheoryData<GraphFailureKind, string> CreateAnswers => new()
    {
        { GraphFailureKind.NoApplicationAccessPolicy, "I couldn't create the meeting: a Teams admin hasn't yet allowed this bot" },
        { GraphFailureKind.Forbidden, "I couldn't create the meeting: this bot isn't allowed" },
        { GraphFailureKind.NotFound, "I couldn't create the meeting: Microsoft Graph doesn't know you as a Teams user" },
        { GraphFailureKind.BadRequest, "Microsoft Graph refused the meeting request: refused." },
        { GraphFailureKind.Throttled, "I couldn't create the meeting: Microsoft Teams is very busy" },
        { GraphFailureKind.Timeout, "Microsoft Graph didn't answer in time, so the meeting may not exist." },
        { GraphFailureKind.ServerError, "Microsoft Graph had a problem when I tried to create the meeting (HTTP 500)." },
    };

    [Theory]
    [MemberData(nameof(CreateAnswers))]
    public void A_failed_create_says_what_went_wrong(GraphFailureKind kind, string expected) =>
        Assert.StartsWith(expected, MeetingReplies.ForFailure(Failure(kind), "app-id", "organizer-id"), StringComparison.Ordinal);

    public static TheoryData<GraphFailureKind, string> CancelAnswers => new()
    {
        { GraphFailureKind.NoApplicationAccessPolicy, "I couldn't cancel the meeting in Teams: a Teams admin hasn't yet allowed this bot" },
        { GraphFailureKind.Forbidden, "I couldn't cancel the meeting in Teams: this bot isn't allowed" },
        { GraphFailureKind.NotFound, "I couldn't cancel the meeting in Teams: Microsoft Graph no longer knows this meeting" },
        { GraphFailureKind.BadRequest, "I couldn't cancel the meeting in Teams: Microsoft Graph refused the change: refused." },
        { GraphFailureKind.Throttled, "I couldn't cancel the meeting in Teams: Microsoft Teams is very busy" },
        { GraphFailureKind.Timeout, "Microsoft Graph didn't answer in time when I tried to cancel the meeting in Teams, so it may or may not have happened" },
        { GraphFailureKind.ServerError, "Microsoft Graph had a problem when I tried to cancel the meeting in Teams (HTTP 500)." },
    };

    [Theory]
    [MemberData(nameof(CancelAnswers))]
    public void A_failed_cancel_or_change_says_so_and_never_speaks_of_creating(GraphFailureKind kind, string expected)
    {
        string answer = MeetingReplies.ForFailure(Failure(kind), "app-id", "organizer-id", "cancel the meeting in Teams");

        Assert.StartsWith(expected, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("create the meeting", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("meeting request", answer, StringComparison.Ordinal);
    }

    private static GraphFailureException Failure(GraphFailureKind kind) =>
        new(kind, kind == GraphFailureKind.ServerError ? 500 : 400, "code", null, "refused", null);
}
