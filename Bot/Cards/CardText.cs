using System.Text;

namespace TeamsMeetBot.Cards;

/// <summary>Makes untrusted text (what people typed, names, subjects) safe to show in a TextBlock.</summary>
public static class CardText
{
    /// <summary>Escapes the Markdown subset Adaptive Cards render and removes angle brackets, so text shows as typed and cannot forge links or mentions.</summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '`' or '~' or '|':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append('‹');
                    break;
                case '>':
                    builder.Append('›');
                    break;
                case '\r' or '\n' or '\t':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
