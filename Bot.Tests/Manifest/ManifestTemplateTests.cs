using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TeamsMeetBot.Commands;

namespace TeamsMeetBot.Tests.Manifest;

/// <summary>manifest/manifest.json: its placeholders, its content, and the schema once they are filled.</summary>
public sealed partial class ManifestTemplateTests
{
    public const string SampleAppId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    public const string SampleDomain = "teamsmeetbot.contoso.example";

    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.Ordinal)
    {
        ["MicrosoftAppId"] = SampleAppId,
        ["TeamsAppId"] = "9b2f6c51-2a43-4f7e-8d7b-0c1e6f3a2d10",
        ["BotDomain"] = SampleDomain,
        ["AppVersion"] = "1.2.3",
        ["AppShortName"] = "TeamsMeetBot",
        ["AppFullName"] = "TeamsMeetBot: Teams meetings from any chat",
        ["DeveloperName"] = "Contoso IT",
        ["DeveloperWebsiteUrl"] = "https://contoso.example/",
        ["PrivacyUrl"] = "https://contoso.example/privacy",
        ["TermsOfUseUrl"] = "https://contoso.example/terms",
    };

    private static string Template => File.ReadAllText(RepositoryFiles.PathOf("manifest", "manifest.json"));

    private static JsonObject Filled() =>
        JsonNode.Parse(Placeholder().Replace(Template, m => SampleValues[m.Groups[1].Value]))!.AsObject();

    private static JsonObject Bot() => Filled()["bots"]!.AsArray().Single()!.AsObject();

    [Fact]
    public void The_template_uses_exactly_the_documented_placeholders()
    {
        var used = Placeholder().Matches(Template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(SampleValues.Keys.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_filled_template_validates_against_the_manifest_schema_1_29()
    {
        var manifest = Filled();

        ManifestSchema.AssertValid(manifest);
        Assert.Equal("1.29", (string)manifest["manifestVersion"]!);
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        var manifest = Filled();
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("meeting-room");

        var errors = ManifestSchema.Validate(manifest);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains("/bots/0/botId", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_is_installable_in_personal_group_chat_and_team_scopes_and_supports_audio_calls_only()
    {
        var bot = Bot();

        Assert.Equal(SampleAppId, (string)bot["botId"]!);
        Assert.Equal(["personal", "groupChat", "team"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.True((bool)bot["supportsCalling"]!);
        Assert.False((bool)bot["supportsVideo"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);
    }

    [Fact]
    public void Web_application_info_and_valid_domains_name_the_bot_registration_and_its_domain()
    {
        var manifest = Filled();

        Assert.Equal(SampleAppId, (string)manifest["webApplicationInfo"]!["id"]!);
        Assert.Equal([SampleDomain], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(["color.png", "outline.png"], new[] { (string)manifest["icons"]!["color"]!, (string)manifest["icons"]!["outline"]! });
    }

    public static TheoryData<string> Scopes => new() { "personal", "groupChat", "team" };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Each_scope_has_its_own_command_list_with_every_command(string scope)
    {
        var list = Assert.Single(Bot()["commandLists"]!.AsArray(), l => l!["scopes"]!.AsArray().Any(s => (string)s! == scope))!;
        var titles = list["commands"]!.AsArray().Select(c => (string)c!["title"]!).ToList();

        Assert.Equal(["meet now", "meet now with", "meet tomorrow at 3pm", "reschedule to", "cancel", "join", "ring", "leave", "list meetings", "help"], titles);
        Assert.All(list["commands"]!.AsArray(), c => Assert.False(string.IsNullOrWhiteSpace((string?)c!["description"])));
    }

    public static TheoryData<string, Type> CompleteCommands => new()
    {
        { "meet now", typeof(CreateMeetingCommand) },
        { "meet tomorrow at 3pm", typeof(CreateMeetingCommand) },
        { "cancel", typeof(CancelMeetingCommand) },
        { "join", typeof(JoinCallCommand) },
        { "ring", typeof(RingCommand) },
        { "leave", typeof(LeaveCallCommand) },
        { "list meetings", typeof(ListMeetingsCommand) },
        { "help", typeof(HelpCommand) },
    };

    /// <summary>The command menu inserts a title as typed text: the complete ones must mean what they say to the parser.</summary>
    [Theory]
    [MemberData(nameof(CompleteCommands))]
    public void Complete_command_titles_are_understood_by_the_bot(string title, Type expected)
    {
        var titles = Bot()["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => (string)c!["title"]!);
        Assert.Contains(title, titles);

        var input = new CommandInput(title, [], TimeZoneInfo.Utc, TimeZoneAssumed: false, "en-US", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30));

        Assert.IsType(expected, CommandParser.Parse(input));
    }

    [GeneratedRegex(@"\{\{([A-Za-z0-9_]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
