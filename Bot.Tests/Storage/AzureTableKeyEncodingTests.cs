using TeamsMeetBot.Storage;

namespace TeamsMeetBot.Tests.Storage;

public sealed class AzureTableKeyEncodingTests
{
    public static TheoryData<string, string> Encodings => new()
    {
        { "", "" },
        { "plain-key_1.2", "plain-key_1.2" },
        { "19:abc@thread.tacv2;messageid=1767", "19:abc@thread.tacv2;messageid=1767" },
        { "a/b#c?d", "a%2Fb%23c%3Fd" },
        { "back\\slash", "back%5Cslash" },
        { "100%", "100%25" },
        { "%2F", "%252F" },
        { "tab\tnul\0del\u007fc1\u0085", "tab%09nul%00del%7Fc1%85" },
        { "Zürich 会议 😀", "Zürich 会议 😀" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encodes_forbidden_characters_and_decodes_back(string key, string encoded)
    {
        Assert.Equal(encoded, AzureTableKeyEncoding.Encode(key));
        Assert.Equal(key, AzureTableKeyEncoding.Decode(encoded));
    }

    [Fact]
    public void Encoded_keys_never_contain_characters_Azure_forbids()
    {
        string everyBmpCharacter = string.Concat(Enumerable.Range(0, 0xD800).Select(c => (char)c));

        string encoded = AzureTableKeyEncoding.Encode(everyBmpCharacter);

        Assert.DoesNotContain(encoded, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(everyBmpCharacter, AzureTableKeyEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("abc%2")]
    [InlineData("%zz")]
    public void Decoding_a_malformed_escape_fails(string encoded) =>
        Assert.Throws<FormatException>(() => AzureTableKeyEncoding.Decode(encoded));

    [Fact]
    public void Row_key_order_is_by_code_point()
    {
        string[] keys = ["😀", "\uFFFD", "b", "B", "a", "ab", ""];

        Assert.Equal(["", "B", "a", "ab", "b", "\uFFFD", "😀"], keys.Order(RowKeyOrder.Instance));
    }
}
