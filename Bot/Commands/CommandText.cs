using System.Buffers;
using System.Net;
using System.Text;

namespace TeamsMeetBot.Commands;

internal enum TokenKind
{
    Word,
    Number,
    Mention,
    PlainName,
    Email,
    Quoted,
    Punct,
}

/// <summary>A slice of <see cref="CommandText.Text"/>. For a mention, <see cref="Mention"/> indexes <see cref="CommandText.Slots"/>.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Mention = -1)
{
    public int End => Start + Length;
}

/// <summary>One <c>&lt;at&gt;…&lt;/at&gt;</c> in the text: the entity it was matched to, or only the name when no entity matched.</summary>
internal readonly record struct MentionSlot(MentionInput? Entity, string Name);

/// <summary>
/// The message text made ready for the grammar: mentions replaced by one private-use placeholder character each
/// (matched to the mention entities by their markup, then by name, in order), other HTML tags dropped, entities
/// decoded, every kind of space made a plain space, "p.m." spelled "pm", and the result cut into tokens.
/// </summary>
internal sealed class CommandText
{
    private const char PlaceholderBase = '\uE000';

    private CommandText(string text, List<MentionSlot> slots)
    {
        Text = text;
        Lower = text.ToLowerInvariant();
        Slots = slots;
        Tokens = Tokenize(Lower);
    }

    /// <summary>The normalized text in its original case.</summary>
    public string Text { get; }

    /// <summary>The same text lower-cased (same length and positions).</summary>
    public string Lower { get; }

    public List<MentionSlot> Slots { get; }

    public List<Token> Tokens { get; }

    public int Count => Tokens.Count;

    public static CommandText Create(string raw, IReadOnlyList<MentionInput> mentions)
    {
        // Decoding, dropping tags and replacing mentions by one character never make the text longer.
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, raw.Length));
        try
        {
            var slots = new List<MentionSlot>();
            Span<bool> used = mentions.Count <= 64 ? stackalloc bool[mentions.Count] : new bool[mentions.Count];
            int length = 0;
            int i = 0;
            int plainStart = 0;
            while (i < raw.Length)
            {
                int open = raw.IndexOf('<', i);
                if (open < 0)
                {
                    break;
                }

                i = open;
                int close = raw.IndexOf('>', i + 1);
                if (close < 0)
                {
                    break;
                }

                bool isMention = i + 3 < raw.Length && (raw[i + 3] == '>' || raw[i + 3] == ' ')
                    && (raw[i + 1] | 0x20) == 'a' && (raw[i + 2] | 0x20) == 't';
                bool isTag = char.IsAsciiLetter(raw[i + 1]) || raw[i + 1] == '/';
                if (!isMention && !isTag)
                {
                    i++;
                    continue;
                }

                length = AppendPlain(buffer, length, raw.AsSpan(plainStart, i - plainStart));
                if (isMention)
                {
                    int end = raw.IndexOf("</at>", close, StringComparison.OrdinalIgnoreCase);
                    if (end < 0)
                    {
                        end = raw.Length;
                    }

                    int markupEnd = Math.Min(raw.Length, end + 5);
                    string markup = raw[i..markupEnd];
                    string name = WebUtility.HtmlDecode(raw[(close + 1)..end]).Trim();
                    var entity = MatchMention(mentions, used, markup, name);
                    buffer[length++] = (char)(PlaceholderBase + slots.Count);
                    slots.Add(new MentionSlot(entity, entity?.Name ?? name));
                    i = markupEnd;
                }
                else
                {
                    buffer[length++] = ' ';
                    i = close + 1;
                }

                plainStart = i;
            }

            length = AppendPlain(buffer, length, raw.AsSpan(plainStart));
            SpellMeridiems(buffer.AsSpan(0, length));
            var text = new string(buffer, 0, length);
            return new CommandText(text.Contains('/', StringComparison.Ordinal) ? SpellWithShorthands(text) : text, slots);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public static bool IsPlaceholder(char c) => c >= PlaceholderBase && c < PlaceholderBase + 4096;

    public ReadOnlySpan<char> LowerOf(Token token) => Lower.AsSpan(token.Start, token.Length);

    // The lookups below answer "no" for an index before the first token or after the last, so that the grammar may look
    // one token back or ahead anywhere without a bounds check of its own.
    public ReadOnlySpan<char> LowerAt(int index) => (uint)index < (uint)Tokens.Count ? LowerOf(Tokens[index]) : default;

    public TokenKind KindAt(int index) => Tokens[index].Kind;

    /// <summary>"tomorrow's", "afternoon’s", "Alice's": the word without its possessive ending; any other word as it is.</summary>
    public static ReadOnlySpan<char> WithoutPossessive(ReadOnlySpan<char> word) =>
        word.Length > 2 && word[^2] is '\'' or '’' && word[^1] is 's' or 'S' ? word[..^2] : word;

    /// <summary>True when token <paramref name="index"/> is the word <paramref name="word"/> (lower-case).</summary>
    public bool IsWord(int index, string word) =>
        (uint)index < (uint)Tokens.Count && Tokens[index].Kind == TokenKind.Word && LowerOf(Tokens[index]).SequenceEqual(word);

    public bool IsPunct(int index, char c) =>
        (uint)index < (uint)Tokens.Count && Tokens[index].Kind == TokenKind.Punct && Lower[Tokens[index].Start] == c;

    public bool IsWordAny(int index, ReadOnlySpan<string> words)
    {
        if ((uint)index >= (uint)Tokens.Count || Tokens[index].Kind != TokenKind.Word)
        {
            return false;
        }

        var span = LowerOf(Tokens[index]);
        foreach (string word in words)
        {
            if (span.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The original-case text from token <paramref name="from"/> to token <paramref name="toExclusive"/>, mentions shown by name.</summary>
    public string Render(int from, int toExclusive)
    {
        if (from >= toExclusive)
        {
            return "";
        }

        int start = Tokens[from].Start;
        int end = Tokens[toExclusive - 1].End;
        if (Tokens[from].Kind == TokenKind.Quoted)
        {
            start--;
        }

        if (Tokens[toExclusive - 1].Kind == TokenKind.Quoted && end < Text.Length)
        {
            end++;
        }

        return RenderSpan(start, end);
    }

    /// <summary>The text of [<paramref name="start"/>, <paramref name="end"/>) with spaces collapsed and each mention as its
    /// name (subjects, problems), or as @name when <paramref name="mentionsAsTyped"/> (what the sender saw in Teams).</summary>
    public string RenderSpan(int start, int end, bool mentionsAsTyped = false)
    {
        var builder = new StringBuilder(end - start + 16);
        bool lastSpace = true;
        for (int i = start; i < end; i++)
        {
            char c = Text[i];
            if (IsPlaceholder(c))
            {
                if (mentionsAsTyped)
                {
                    builder.Append('@');
                }

                builder.Append(Slots[c - PlaceholderBase].Name);
                lastSpace = false;
            }
            else if (c == ' ')
            {
                if (!lastSpace)
                {
                    builder.Append(' ');
                }

                lastSpace = true;
            }
            else
            {
                builder.Append(c);
                lastSpace = false;
            }
        }

        return builder.ToString().Trim();
    }

    private static MentionInput? MatchMention(IReadOnlyList<MentionInput> mentions, Span<bool> used, string markup, string name)
    {
        // Pass 0: unused entity with this exact markup; 1: unused entity with this name; 2: the same person mentioned again.
        for (int pass = 0; pass < 3; pass++)
        {
            for (int m = 0; m < mentions.Count; m++)
            {
                if (used[m] && pass < 2)
                {
                    continue;
                }

                bool match = pass != 1
                    ? string.Equals(mentions[m].Text, markup, StringComparison.Ordinal)
                    : string.Equals(mentions[m].Name, name, StringComparison.OrdinalIgnoreCase)
                      || string.Equals(WebUtility.HtmlDecode(mentions[m].Text), "<at>" + name + "</at>", StringComparison.OrdinalIgnoreCase);
                if (match)
                {
                    used[m] = true;
                    return mentions[m];
                }
            }
        }

        return null;
    }

    private static int AppendPlain(char[] buffer, int length, ReadOnlySpan<char> plain)
    {
        if (plain.IsEmpty)
        {
            return length;
        }

        ReadOnlySpan<char> decoded = plain.Contains('&') ? WebUtility.HtmlDecode(plain.ToString()) : plain;
        foreach (char c in decoded)
        {
            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = c switch
            {
                '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\t' or '\r' or '\n' or '\u3000' or '\u200B' or '\uFEFF' => ' ',
                _ when IsPlaceholder(c) => ' ',
                _ => c,
            };
        }

        return length;
    }

    /// <summary>"3 p.m." → "3 pm  " in place (same length, so positions stay valid).</summary>
    private static void SpellMeridiems(Span<char> text)
    {
        int at = text.IndexOf(".m.");
        if (at < 0)
        {
            at = text.IndexOf(".M.");
        }

        if (at < 0)
        {
            return;
        }

        for (int i = Math.Max(0, at - 1); i + 3 < text.Length; i++)
        {
            char first = (char)(text[i] | 0x20);
            if ((first == 'a' || first == 'p') && text[i + 1] == '.' && (text[i + 2] | 0x20) == 'm' && text[i + 3] == '.'
                && (i == 0 || !char.IsLetter(text[i - 1])))
            {
                text[i + 1] = text[i + 2];
                text[i + 2] = ' ';
                text[i + 3] = ' ';
            }
        }
    }

    /// <summary>"w/ @Alice" → "with @Alice", "w/o @Bob" → "without @Bob": the chat shorthands, where they start a word.</summary>
    private static string SpellWithShorthands(string text)
    {
        StringBuilder? builder = null;
        int copied = 0;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if ((text[i] | 0x20) != 'w' || text[i + 1] != '/' || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '/')))
            {
                continue;
            }

            bool without = i + 2 < text.Length && (text[i + 2] | 0x20) == 'o' && (i + 3 == text.Length || !char.IsLetterOrDigit(text[i + 3]));
            int after = without ? i + 3 : i + 2;
            bool oneLetterAfter = !without && after < text.Length && char.IsLetter(text[after]) && (after + 1 == text.Length || !char.IsLetterOrDigit(text[after + 1]));
            if ((after < text.Length && text[after] == '/') || oneLetterAfter)
            {
                continue; // "w//" (a path), "w/e" (a weekend), "w/c" (week commencing)
            }

            builder ??= new StringBuilder(text.Length + 8);
            builder.Append(text, copied, i - copied).Append(without ? "without" : "with");
            if (after < text.Length && text[after] != ' ')
            {
                builder.Append(' ');
            }

            copied = after;
            i = after - 1;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The length of an email address that starts at <paramref name="i"/> ("alice.anders@contoso.com"), or 0: a local part
    /// of letters, digits and ._%+-, the sign, and a domain with at least one dot that ends in a letter.
    /// </summary>
    private static int EmailLength(string lower, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(lower[i - 1]) || lower[i - 1] is '.' or '_' or '%' or '+' or '-'))
        {
            return 0;
        }

        int at = i;
        while (at < lower.Length && (char.IsLetterOrDigit(lower[at]) || lower[at] is '.' or '_' or '%' or '+' or '-'))
        {
            at++;
        }

        if (at == i || at >= lower.Length || lower[at] != '@')
        {
            return 0;
        }

        int end = at + 1;
        while (end < lower.Length && (char.IsLetterOrDigit(lower[end]) || lower[end] is '.' or '-'))
        {
            end++;
        }

        while (end > at + 1 && lower[end - 1] is '.' or '-')
        {
            end--; // the full stop after an address ends the sentence
        }

        int lastDot = lower.LastIndexOf('.', end - 1, end - 1 - at);
        return lastDot > at + 1 && char.IsLetter(lower[end - 1]) ? end - i : 0;
    }

    /// <summary>"@3pm", "@10:30", "@9": a time after the sign (read as "at"), not a name typed as "@1stline".</summary>
    private static bool IsClockAfterAtSign(string lower, int i)
    {
        int end = i;
        while (end < lower.Length && (char.IsLetterOrDigit(lower[end]) || lower[end] is ':' or '.'))
        {
            end++;
        }

        var word = lower.AsSpan(i, end - i).TrimEnd('.');
        int digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }

        var rest = word[digits..];
        if (rest.Length >= 3 && (rest[0] is ':' or '.') && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]))
        {
            rest = rest[3..];
        }

        return digits is >= 1 and <= 4 && rest is "" or "am" or "pm" or "a" or "p" or "h";
    }

    private static List<Token> Tokenize(string lower)
    {
        // A token takes at least one character and a space; "help" is one token, a long command a dozen or two.
        var tokens = new List<Token>(Math.Min(16, (lower.Length / 2) + 1));
        bool mayHaveEmail = lower.Contains('@', StringComparison.Ordinal);
        int i = 0;
        while (i < lower.Length)
        {
            char c = lower[i];
            if (c == ' ')
            {
                i++;
            }
            else if (mayHaveEmail && char.IsLetterOrDigit(c) && EmailLength(lower, i) is var emailLength and > 0)
            {
                tokens.Add(new Token(TokenKind.Email, i, emailLength));
                i += emailLength;
            }
            else if (IsPlaceholder(c))
            {
                // "<at>Bob</at>'s" keeps the possessive with the mention.
                int length = i + 2 < lower.Length && lower[i + 1] is '\'' or '’' && lower[i + 2] == 's' && (i + 3 == lower.Length || !char.IsLetter(lower[i + 3])) ? 3 : 1;
                tokens.Add(new Token(TokenKind.Mention, i, length, c - PlaceholderBase));
                i += length;
            }
            else if (c == '@' && i + 1 < lower.Length && char.IsLetterOrDigit(lower[i + 1]) && !IsClockAfterAtSign(lower, i + 1))
            {
                int start = ++i;
                while (i < lower.Length && (char.IsLetterOrDigit(lower[i]) || lower[i] is '_' or '-' or '.'))
                {
                    i++;
                }

                while (i > start && lower[i - 1] is '.' or '-')
                {
                    i--;
                }

                tokens.Add(new Token(TokenKind.PlainName, start, i - start));
            }
            else if (char.IsAsciiDigit(c))
            {
                int start = i;
                i = ScanNumber(lower, i);
                tokens.Add(new Token(TokenKind.Number, start, i - start));
            }
            else if (char.IsLetter(c))
            {
                int start = i;
                while (i < lower.Length)
                {
                    char d = lower[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        i++;
                    }
                    else if ((d is '\'' or '’' or '-') && i + 1 < lower.Length && char.IsLetter(lower[i + 1]))
                    {
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(new Token(TokenKind.Word, start, i - start));
            }
            else if (TryQuote(lower, i, out int contentStart, out int contentEnd))
            {
                tokens.Add(new Token(TokenKind.Quoted, contentStart, contentEnd - contentStart));
                i = contentEnd + 1;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punct, i, 1));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>"3", "15:30", "3pm", "1h30", "1.5", "12/3/2026", "2026-12-03", "3.12.2026".</summary>
    private static int ScanNumber(string s, int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        bool iso = false;
        while (i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            char sep = s[i];
            if (sep is ':' or '.' or '/')
            {
                i++;
            }
            else if (sep == ',' && (i + 2 >= s.Length || !char.IsAsciiDigit(s[i + 2])))
            {
                i++;
            }
            else if (sep == '-' && (iso || i - start == 4))
            {
                iso = true;
                i++;
            }
            else
            {
                break;
            }

            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        while (i < s.Length && char.IsAsciiLetterOrDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    private static bool TryQuote(string s, int i, out int contentStart, out int contentEnd)
    {
        contentStart = contentEnd = 0;
        char open = s[i];
        ReadOnlySpan<char> closers = open switch
        {
            '"' => "\"”“",
            '“' => "”\"“",
            '”' => "”\"",
            '„' => "“”\"",
            '«' => "»",
            '‘' => "’'",
            '\'' when i == 0 || s[i - 1] == ' ' => "'’",
            _ => default,
        };
        if (closers.IsEmpty)
        {
            return false;
        }

        for (int j = i + 1; j < s.Length; j++)
        {
            if (closers.Contains(s[j]) && (open is not '\'' and not '‘' || j + 1 == s.Length || !char.IsLetter(s[j + 1])))
            {
                if (j == i + 1)
                {
                    return false;
                }

                contentStart = i + 1;
                contentEnd = j;
                return true;
            }
        }

        return false;
    }
}
