using System.Text;
using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

/// <summary>The value size limit, counted in the UTF-16 characters Azure stores, whichever form the value arrives in.</summary>
public sealed class StoreLimitsTests
{
    public static TheoryData<string, int, bool> Values => new()
    {
        // what the value is made of, how many of it, whether it fits
        { "x", StoreLimits.MaxValueChars, true },
        { "x", StoreLimits.MaxValueChars + 1, false },
        { "é", StoreLimits.MaxValueChars, true },          // 2 UTF-8 bytes, 1 character: twice the limit in bytes, still fits
        { "é", StoreLimits.MaxValueChars + 1, false },
        { "会", StoreLimits.MaxValueChars, true },         // 3 bytes, 1 character
        { "😀", StoreLimits.MaxValueChars / 2, true },     // 4 bytes, 2 characters (a surrogate pair)
        { "😀", (StoreLimits.MaxValueChars / 2) + 1, false },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_fits_by_its_UTF16_length_as_text_and_as_UTF8(string unit, int count, bool fits)
    {
        string text = string.Concat(Enumerable.Repeat(unit, count));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);

        var asText = Record.Exception(() => StoreLimits.EnsureValueFits("meetings", "conv", "m", text));
        var asUtf8 = Record.Exception(() => StoreLimits.EnsureValueFits("meetings", "conv", "m", utf8));

        if (fits)
        {
            Assert.Null(asText);
            Assert.Null(asUtf8);
        }
        else
        {
            Assert.IsType<ArgumentException>(asText);
            var error = Assert.IsType<ArgumentException>(asUtf8);
            Assert.Contains($"{text.Length} characters", error.Message, StringComparison.Ordinal);
            Assert.Contains("meetings/conv/m", error.Message, StringComparison.Ordinal);
        }
    }
}
