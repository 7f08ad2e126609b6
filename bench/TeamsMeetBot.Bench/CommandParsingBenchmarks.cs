using BenchmarkDotNet.Attributes;
using TeamsMeetBot.Commands;
using TeamsMeetBot.Conversation;

namespace TeamsMeetBot.Bench;

/// <summary>
/// <see cref="CommandParser.Parse"/> on inputs made exactly as the bot makes them
/// (<see cref="CommandHandler.ToCommandInput"/> from a parsed activity), plus the input building itself.
/// </summary>
[MemoryDiagnoser]
public class CommandParsingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 59, 55, TimeSpan.Zero);
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(30);

    private CommandInput help = null!;
    private CommandInput meetNow = null!;
    private CommandInput scheduled = null!;
    private CommandInput notUnderstood = null!;
    private BotFramework.Schema.Activity meetNowActivity = null!;

    [GlobalSetup]
    public void Setup()
    {
        help = Input(BenchActivities.PersonalMessage("help"));
        meetNowActivity = BenchActivities.Parse(BenchActivities.GroupMessage("meet now with <at>Alice Anders</at> and <at>Bob Brown</at> about the release for 45 min", ("29:alice-id", "Alice Anders"), ("29:bob-id", "Bob Brown")));
        meetNow = CommandHandler.ToCommandInput(meetNowActivity, Now, DefaultDuration);
        scheduled = Input(BenchActivities.GroupMessage("meet tomorrow at 3pm with <at>Alice Anders</at> about planning", ("29:alice-id", "Alice Anders")));
        notUnderstood = Input(BenchActivities.PersonalMessage("could you book something with the team next week maybe"));

        Expect<HelpCommand>(CommandParser.Parse(help));
        Expect<CreateMeetingCommand>(CommandParser.Parse(meetNow));
        Expect<CreateMeetingCommand>(CommandParser.Parse(scheduled));
    }

    [Benchmark(Description = "Parse: help")]
    public ParseResult ParseHelp() => CommandParser.Parse(help);

    [Benchmark(Description = "Parse: meet now with 2 mentions, subject, duration")]
    public ParseResult ParseMeetNow() => CommandParser.Parse(meetNow);

    [Benchmark(Description = "Parse: meet tomorrow at 3pm with 1 mention")]
    public ParseResult ParseScheduled() => CommandParser.Parse(scheduled);

    [Benchmark(Description = "Parse: not understood (suggestion)")]
    public ParseResult ParseNotUnderstood() => CommandParser.Parse(notUnderstood);

    [Benchmark(Description = "ToCommandInput + Parse: meet now")]
    public ParseResult InputAndParseMeetNow() => CommandParser.Parse(CommandHandler.ToCommandInput(meetNowActivity, Now, DefaultDuration));

    private static CommandInput Input(string json) => CommandHandler.ToCommandInput(BenchActivities.Parse(json), Now, DefaultDuration);

    private static void Expect<T>(ParseResult result)
    {
        if (result is not T)
        {
            throw new InvalidOperationException($"Expected {typeof(T).Name}, the parser returned {result.GetType().Name}.");
        }
    }
}
