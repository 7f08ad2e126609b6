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
        ("meet now with everyone for 45 min", "Invite everyone in this chat; set the length (default 30 min)."),
        ("meet tomorrow at 3pm for 45 min", "Schedule a meeting, in your own time zone."),
        ("reschedule to 4pm / make it 30 min", "Move or resize the last meeting you organised here."),
        ("cancel", "Cancel the last meeting you organised here (organiser only)."),
        ("help", "Show this card."),
    ];

    /// <summary>The call commands, shown when calling is set up for this bot.</summary>
    public static readonly IReadOnlyList<(string Command, string What)> CallCommands =
    [
        ("join", "Bring me into the meeting's call."),
        ("ring @Alice / ring everyone", "Ring people who are not in the call yet."),
        ("status", "Who is in the call."),
        ("leave", "Make me leave the call (organiser only)."),
    ];

    public static JsonObject Build(string? notUnderstood = null, string? suggestion = null, bool isGroup = false, bool callingEnabled = false)
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
        foreach (var (command, what) in callingEnabled ? Commands.Concat(CallCommands) : Commands)
        {
            facts.Add((command, what));
        }

        body.Add(Facts(facts));
        body.Add(Text("Meetings are created in your own time zone; attendees are notified by their @mention on the meeting card.", subtle: true, size: "Small"));
        return Card(body, fallbackText: "Commands: meet now [with @people] [about subject] [for 30 min]; meet tomorrow at 3pm; reschedule to 4pm; cancel; help.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
