using System.Net;

namespace TeamsMeetBot.BotFramework.Schema;

/// <summary>The <c>&lt;at&gt;Name&lt;/at&gt;</c> markup Teams uses for mentions, with the name HTML-escaped.</summary>
public static class MentionMarkup
{
    public static string For(string displayName) => "<at>" + WebUtility.HtmlEncode(displayName) + "</at>";
}
