using System.Text.RegularExpressions;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Tests.Manifest;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

/// <summary>
/// The README's "What the bot understands" table is a promise to the people who read it: every example in its first
/// column is understood. An example that the parser answers with "Sorry, I didn't get …" fails here by name.
/// </summary>
public partial class ReadmeExamplesTests
{
    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    public static TheoryData<string> Examples()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("README.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("## What the bot understands", StringComparison.Ordinal));
        var data = new TheoryData<string>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            string firstColumn = line.Split(" | ")[0];
            foreach (Match example in Quoted().Matches(firstColumn))
            {
                string text = example.Groups[1].Value;
                if (!text.Contains('…', StringComparison.Ordinal))
                {
                    data.Add(text);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_table_has_examples() => Assert.True(Examples().Count > 150, "the README's command table was not found or lost its examples");

    /// <summary>
    /// An example is a whole message, or a part of one that the table shows on its own: a time ("at half past 3",
    /// "tmrw at 10") after "meet", or people left out ("everyone except bob") after "meet now with". A part must be read
    /// whole: the meeting it makes has no subject made of words the parser passed over.
    /// </summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_in_the_readme_is_understood(string example)
    {
        var alone = CommandParser.Parse(Input(example, "America/Los_Angeles"));
        if (alone is not ParseFailure { Kind: ParseFailureKind.NotUnderstood })
        {
            return;
        }

        foreach (string before in (string[])["meet ", "meet now with everyone "])
        {
            var result = CommandParser.Parse(Input(before + example, "America/Los_Angeles"));
            if (result is CreateMeetingCommand { Subject: null } or ParseFailure { Kind: not ParseFailureKind.NotUnderstood })
            {
                return;
            }
        }

        Assert.Fail($"“{example}” is not understood, alone or after “meet”: {((ParseFailure)alone).Message}");
    }
}
