using System.Text;
using TeamsMeetBot.BotFramework.Connector;

namespace TeamsMeetBot.Tests.Connector;

public sealed class ConnectorErrorParserTests
{
    public static TheoryData<string, string?> Bodies => new()
    {
        { """{"error":{"code":"BadSyntax","message":"Incorrect conversation creation parameters"}}""", "BadSyntax" },
        { """{"error":{"code":"MemberNotFoundInConversation","message":"The member was not found"}}""", "MemberNotFoundInConversation" },
        { """{"errorCode":209,"message":"{\"errorCode\":209,\"message\":\"Thread is blocked for writes\",\"subCode\":\"MessageWritesBlocked\"}"}""", "MessageWritesBlocked" },
        { """{"errorCode":209,"message":"plain text"}""", "209" },
        { """{"message":"no code"}""", null },
        { """not json""", null },
        { "", null },
        { """{"error":{"message":"no code"},"errorCode":"Throttled"}""", "Throttled" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void The_most_specific_error_code_is_read(string body, string? expected)
    {
        Assert.Equal(expected, ConnectorErrorParser.ParseErrorCode(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("x-ms-request-id", "abc")]
    [InlineData("request-id", "def")]
    [InlineData("MS-CV", "ghi")]
    public void The_request_id_comes_from_the_first_known_header(string header, string value)
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(value, ConnectorErrorParser.ParseRequestId(response.Headers));
    }

    [Fact]
    public void Without_a_known_header_there_is_no_request_id()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-other", "1");

        Assert.Null(ConnectorErrorParser.ParseRequestId(response.Headers));
    }
}
