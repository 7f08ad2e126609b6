namespace TeamsMeetBot.Storage;

/// <summary>
/// The order of <see cref="IBotStore.QueryPartitionAsync{T}"/>: ordinal by Unicode code point, which is
/// what SQLite's BINARY collation gives on UTF-8 text. (UTF-16 ordinal comparison differs only for
/// characters above U+FFFF against U+E000–U+FFFF.)
/// </summary>
public sealed class RowKeyOrder : IComparer<string>
{
    public static readonly RowKeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            bool hasLeft = left.MoveNext();
            bool hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            int difference = left.Current.Value - right.Current.Value;
            if (difference != 0)
            {
                return difference;
            }
        }
    }
}
