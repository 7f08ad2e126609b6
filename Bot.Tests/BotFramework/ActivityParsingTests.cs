using System.Text.Json;
using TeamsMeetBot.BotFramework.Schema;
using TeamsMeetBot.Conversation;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.BotFramework;

/// <summary>Every captured Teams and Playground activity parses, and the fields the bot relies on come out right.</summary>
public class ActivityParsingTests
{
    public static TheoryData<string, string> AllCapturedActivities()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SharedData.Files("teams-payloads", "*.json"))
        {
            data.Add("teams-payloads", file);
        }

        foreach (var file in SharedData.Files("playground-captures", "to-bot-*.json"))
        {
            data.Add("playground-captures", file);
        }

        data.Add("graph-payloads", "teams-activity-message-clientInfo.json");
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCapturedActivities))]
    public void Every_captured_activity_parses_with_its_required_fields(string folder, string file)
    {
        var activity = Parse(folder, file);
        Assert.False(string.IsNullOrEmpty(activity.Type));
        Assert.Equal("msteams", activity.ChannelId);
        Assert.False(string.IsNullOrEmpty(activity.ServiceUrl));
        Assert.False(string.IsNullOrEmpty(activity.Conversation?.Id));
        Assert.False(string.IsNullOrEmpty(activity.From?.Id));
        Assert.False(string.IsNullOrEmpty(activity.Recipient?.Id));
        string roundTrip = JsonSerializer.Serialize(activity, BotJsonContext.Default.Activity);
        Assert.Equal(activity.Id, JsonSerializer.Deserialize(roundTrip, BotJsonContext.Default.Activity)!.Id);
    }

    public static TheoryData<string, string, string, string, string?, string?, string?> Expectations => new()
    {
        // folder, file, type, conversationType, tenant, clientInfo timezone, command text
        { "playground-captures", "to-bot-03-message-personal-meet-now.json", "message", "personal", "11111111-1111-1111-1111-111111111111", "UTC", "meet now with @alice" },
        { "playground-captures", "to-bot-08-message-groupChat-with-mentions.json", "message", "groupChat", "11111111-1111-1111-1111-111111111111", "UTC", "meet now with <at>Alice Anders</at> and <at>Bob Brown</at>" },
        { "playground-captures", "to-bot-13-message-channel-with-mentions.json", "message", "channel", "11111111-1111-1111-1111-111111111111", null, null },
        { "teams-payloads", "channel-message-bot-mention.json", "message", "channel", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "America/Los_Angeles", "Hey" },
        { "teams-payloads", "personal-message.json", "message", "personal", null, null, null },
        { "teams-payloads", "invoke-adaptivecard-action.json", "invoke", "personal", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Fields_the_bot_relies_on_come_out_right(string folder, string file, string type, string conversationType, string? tenant, string? timezone, string? commandText)
    {
        var activity = Parse(folder, file);
        Assert.Equal(type, activity.Type);
        Assert.Equal(conversationType, activity.Conversation!.ConversationType);
        if (tenant is not null)
        {
            Assert.Equal(tenant, activity.TenantId);
        }

        if (timezone is not null)
        {
            Assert.Equal(timezone, activity.ClientInfo?.Timezone);
        }

        if (commandText is not null)
        {
            Assert.Equal(commandText, ActivityText.CommandText(activity));
        }
    }

    [Fact]
    public void Group_chat_mentions_come_from_entities_with_ids()
    {
        var activity = Parse("playground-captures", "to-bot-08-message-groupChat-with-mentions.json");
        var mentions = activity.Mentions.Select(m => m.Mentioned!.Id).ToList();
        Assert.Equal(["28:00000000-0000-0000-0000-00000000b0t1", "29:alice-id", "29:bob-id"], mentions);
        Assert.Equal("aaaaaaaa-0000-0000-0000-000000000000", activity.From!.AadObjectId);
    }

    [Fact]
    public void Channel_payload_carries_team_and_channel()
    {
        var activity = Parse("playground-captures", "to-bot-13-message-channel-with-mentions.json");
        Assert.NotNull(activity.ChannelData?.Team?.Id);
        Assert.NotNull(activity.ChannelData?.Channel?.Id);
        Assert.Contains(";messageid=", activity.Conversation!.Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_action_is_read_from_value()
    {
        var activity = Parse("playground-captures", "to-bot-15-invoke-channel-ActionExecute.json");
        var action = CardAction.FromInvoke(activity);
        Assert.NotNull(action);
        Assert.Equal("refresh", action.Verb);
        Assert.Equal("m-123", action.GetString("meetingId"));
    }

    [Fact]
    public void Submit_action_is_read_from_value()
    {
        var activity = Parse("playground-captures", "to-bot-09-message-groupChat-ActionSubmit.json");
        var action = CardAction.FromSubmit(activity);
        Assert.NotNull(action);
        Assert.Equal("cancel", action.Verb);
        Assert.Equal("m-123", action.GetString("meetingId"));
    }

    [Fact]
    public void Local_timezone_is_read_case_insensitively()
    {
        var activity = JsonSerializer.Deserialize("""{"type":"message","localTimeZone":"Europe/Berlin"}""", BotJsonContext.Default.Activity)!;
        Assert.Equal("Europe/Berlin", activity.LocalTimezone);
    }

    internal static Activity Parse(string folder, string file) =>
        JsonSerializer.Deserialize(SharedData.ActivityJson(folder, file), BotJsonContext.Default.Activity)!;
}
