using System.Globalization;
using System.Text;

namespace TeamsMeetBot.Storage;

/// <summary>
/// Makes any string a valid Azure Table PartitionKey/RowKey and back. Azure forbids <c>/ \ # ?</c> and
/// control characters (U+0000–U+001F, U+007F–U+009F) in keys; those and the escape character
/// <c>%</c> itself become <c>%XX</c> (two upper-case hex digits). Every other character, including
/// Teams ids such as <c>19:abc@thread.tacv2;messageid=1767</c> and non-ASCII text, is kept as is, so
/// keys stay readable in Storage Explorer and keep their order except around escaped characters.
/// </summary>
public static class AzureTableKeyEncoding
{
    public static string Encode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int first = IndexOfEscaped(key);
        if (first < 0)
        {
            return key;
        }

        var builder = new StringBuilder(key.Length + 8);
        builder.Append(key, 0, first);
        for (int i = first; i < key.Length; i++)
        {
            char c = key[i];
            if (MustEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        int first = encoded.IndexOf('%', StringComparison.Ordinal);
        if (first < 0)
        {
            return encoded;
        }

        var builder = new StringBuilder(encoded.Length);
        builder.Append(encoded, 0, first);
        for (int i = first; i < encoded.Length; i++)
        {
            char c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length
                && int.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else if (c == '%')
            {
                throw new FormatException($"'{encoded}' is not an encoded table key: '%' must be followed by two hex digits.");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool MustEscape(char c) => c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);

    private static int IndexOfEscaped(string key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            if (MustEscape(key[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
