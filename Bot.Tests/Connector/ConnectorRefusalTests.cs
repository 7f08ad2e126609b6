using System.Net;
using TeamsMeetBot.BotFramework.Connector;

namespace TeamsMeetBot.Tests.Connector;

/// <summary>Which Connector failures refuse a conversation for good, so a turn counts as done (200 to Teams) rather than failed (503, redeliver).</summary>
public class ConnectorRefusalTests
{
    public static TheoryData<int?, bool> Statuses => new()
    {
        { 302, true },
        { 307, true },
        { 308, true },
        { 400, true },
        { 403, true },
        { 404, true },
        { 413, true },
        // Worth a redelivery: a fresh token, a quieter minute or a recovered service may let it through.
        { 401, false },
        { 408, false },
        { 412, false },
        { 429, false },
        { 500, false },
        { 502, false },
        { 503, false },
        { 504, false },
        // No answer at all (timeout, connection refused) or refused before sending.
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Only_refusals_a_redelivery_would_meet_again_count_as_undeliverable(int? status, bool forGood)
    {
        var exception = new ConnectorException("Bot Connector reply failed.", (HttpStatusCode?)status, errorCode: null);

        Assert.Equal(forGood, exception.RefusesConversationForGood);
    }
}
