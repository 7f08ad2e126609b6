using System.Text;
using System.Text.RegularExpressions;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Conversation;

/// <summary>Reads the command text of a message: the bot's own mention removed, whitespace normalised.</summary>
public static partial class ActivityText
{
    /// <summary>
    /// Removes every mention of the bot itself (entity <c>mentioned.id == recipient.id</c>; the entity's
    /// <c>text</c>, or <c>&lt;at&gt;name&lt;/at&gt;</c>), turns non-breaking spaces into spaces and
    /// collapses whitespace. Other people's <c>&lt;at&gt;</c> markup is kept: the command parser matches
    /// it to the mention entities. Identity never comes from the text.
    /// </summary>
    public static string CommandText(Activity activity)
    {
        string text = activity.Text ?? "";
        string? botId = activity.Recipient?.Id;
        if (!string.IsNullOrEmpty(botId))
        {
            foreach (var mention in activity.Mentions)
            {
                if (!string.Equals(mention.Mentioned!.Id, botId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string markup = !string.IsNullOrEmpty(mention.Text) ? mention.Text : "<at>" + mention.Mentioned.Name + "</at>";
                text = Regex.Replace(text, Regex.Escape(markup), " ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
        }

        return Normalize(text);
    }

    public static string Normalize(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text).Replace("&nbsp;", " ").Replace('\u00A0', ' ');
        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
