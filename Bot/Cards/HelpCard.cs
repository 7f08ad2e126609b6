using System.Text.Json;
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
        ("meet tomorrow at 3pm for 45 min", "Schedule a meeting, in your own time zone (or name one: at 3pm UTC, 9am PT, 15:00 Europe/London)."),
        ("reschedule to 4pm / make it 30 min", "Move or resize your meeting here. With several, say which: move the budget meeting to 4pm."),
        ("invite @Carol / remove @Bob / rename it to …", "Change who is invited to your meeting here, or its subject, before it starts."),
        ("cancel", "Cancel your meeting here (organiser only). With several, say which: cancel tomorrow's meeting, cancel the budget meeting."),
        ("list meetings / what's on tomorrow", "The meetings here still to come, with their Join buttons (my meetings: yours only)."),
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

    // The four cards "help" can answer with, built once: index = (isGroup ? 1 : 0) + (callingEnabled ? 2 : 0).
    private static readonly JsonElement[] StandardCards =
    [
        .. from variant in Enumerable.Range(0, 4)
           select Freeze(Build(isGroup: (variant & 1) != 0, callingEnabled: (variant & 2) != 0)),
    ];

    /// <summary>
    /// The plain help card (no "didn't understand" line), as <see cref="Build"/> makes it. Each call returns a new
    /// <see cref="JsonObject"/> over a card built once, so answering <c>help</c> builds nothing and writes the card as a
    /// block; a caller that changes the object changes only its own copy.
    /// </summary>
    public static JsonObject Standard(bool isGroup, bool callingEnabled) =>
        JsonObject.Create(StandardCards[(isGroup ? 1 : 0) + (callingEnabled ? 2 : 0)])!;

    private static JsonElement Freeze(JsonObject card)
    {
        using var document = JsonDocument.Parse(card.ToJsonString());
        return document.RootElement.Clone();
    }

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
