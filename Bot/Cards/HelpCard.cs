using System.Text.Json.Nodes;
using static TeamsMeetBot.Cards.CardElements;

namespace TeamsMeetBot.Cards;

/// <summary>The card that lists what the bot understands, optionally saying what it did not understand.</summary>
public static class HelpCard
{
    /// <summary>One line per command: what to type and what it does. Group chats and channels need the @mention.</summary>
    public static readonly IReadOnlyList<(string Command, string What)> Commands =
    [
        ("meet now", "Start a Teams meeting right away and post its join link."),
        ("meet now with @Alice @Bob about the failover", "Invite the people you mention, with a subject."),
        ("meet now with everyone for 30 min", "Invite everyone in this chat; set the length (default 30 min)."),
        ("cancel", "Cancel the last meeting you organised here (organiser only)."),
        ("help", "Show this card."),
    ];

    public static JsonObject Build(string? notUnderstood = null, string? suggestion = null, bool isGroup = false)
    {
        var body = new JsonArray();
        if (!string.IsNullOrWhiteSpace(notUnderstood))
        {
            body.Add(Text("I didn't understand \"" + CardText.Plain(Shorten(notUnderstood)) + "\".", weight: "Bolder", color: "Attention"));
            if (!string.IsNullOrWhiteSpace(suggestion))
            {
                body.Add(Text("Did you mean: **" + CardText.Plain(suggestion) + "**?", spacing: "Small"));
            }
        }

        body.Add(Heading("What I can do"));
        if (isGroup)
        {
            body.Add(Text("In group chats and channels, @mention me first, for example: @TeamsMeetBot meet now with @Alice.", subtle: true, spacing: "Small"));
        }

        var facts = new List<(string, string)>();
        foreach (var (command, what) in Commands)
        {
            facts.Add((command, what));
        }

        body.Add(Facts(facts));
        body.Add(Text("Meetings are created in your own time zone; attendees are notified by their @mention on the meeting card.", subtle: true, size: "Small"));
        return Card(body, fallbackText: "Commands: meet now [with @people] [about subject] [for 30 min]; cancel; help.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
