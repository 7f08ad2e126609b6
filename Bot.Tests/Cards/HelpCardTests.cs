using System.Text.Json.Nodes;
using TeamsMeetBot.Cards;
using TeamsMeetBot.Tests.Support;

namespace TeamsMeetBot.Tests.Cards;

public class HelpCardTests
{
    public static TheoryData<string?, string?, bool> Variants => new()
    {
        { null, null, false },
        { null, null, true },
        { "meat now", "meet now", true },
        { "**bold** [link](http://evil) <at>Eve</at> `code` # heading", "help", false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Help_card_is_valid_Adaptive_Card_1_5(string? notUnderstood, string? suggestion, bool isGroup)
    {
        var card = HelpCard.Build(notUnderstood, suggestion, isGroup);
        CardValidator.AssertValid(card);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_prebuilt_help_card_is_the_built_one_and_each_caller_gets_its_own_copy(bool isGroup, bool callingEnabled)
    {
        var built = HelpCard.Build(isGroup: isGroup, callingEnabled: callingEnabled);
        var first = HelpCard.Standard(isGroup, callingEnabled);
        var second = HelpCard.Standard(isGroup, callingEnabled);

        Assert.True(JsonNode.DeepEquals(built, first));
        CardValidator.AssertValid(first);
        Assert.NotSame(first, second);
        first["version"] = "changed";
        Assert.Equal("1.5", second["version"]!.GetValue<string>());
        Assert.Equal("1.5", HelpCard.Standard(isGroup, callingEnabled)["version"]!.GetValue<string>());
    }

    [Fact]
    public void Help_card_lists_every_command()
    {
        string json = HelpCard.Build().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var (command, _) in HelpCard.Commands)
        {
            Assert.Contains(command, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Untrusted_text_cannot_inject_markdown_links_or_mentions()
    {
        var card = HelpCard.Build("[click](https://evil.example) <at>Eve</at>", null);
        string text = card["body"]![0]!["text"]!.GetValue<string>();
        Assert.DoesNotContain("[click](", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_rejects_what_the_schema_rejects()
    {
        var bad = HelpCard.Build();
        bad["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock" });
        Assert.NotEmpty(CardValidator.Validate(bad));

        var unknownTeamsProperty = HelpCard.Build();
        unknownTeamsProperty["msteams"]!["colour"] = "red";
        Assert.NotEmpty(CardValidator.Validate(unknownTeamsProperty));

        var danglingMention = HelpCard.Build();
        danglingMention["msteams"]!["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Nobody</at>",
            ["mentioned"] = new JsonObject { ["id"] = "29:x", ["name"] = "Nobody" },
        });
        Assert.Contains(CardValidator.Validate(danglingMention), e => e.Contains("does not appear", StringComparison.Ordinal));
    }
}
