using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using TeamsMeetBot.BotFramework.Schema;

namespace TeamsMeetBot.Bench;

/// <summary>An inbound activity from UTF-8 bytes with <see cref="BotJsonContext"/>, as /api/messages reads it.</summary>
[MemoryDiagnoser]
public class ActivityDeserializationBenchmarks
{
    private byte[] groupMessage = [];
    private byte[] personalMessage = [];

    [GlobalSetup]
    public void Setup()
    {
        groupMessage = Encoding.UTF8.GetBytes(BenchActivities.GroupMessage("meet now with <at>Alice Anders</at> and <at>Bob Brown</at>", ("29:alice-id", "Alice Anders"), ("29:bob-id", "Bob Brown")));
        personalMessage = Encoding.UTF8.GetBytes(BenchActivities.PersonalMessage("help"));
    }

    [Benchmark(Description = "Deserialize group message, 3 mentions + clientInfo")]
    public Activity? GroupMessage() => JsonSerializer.Deserialize(groupMessage, BotJsonContext.Default.Activity);

    [Benchmark(Description = "Deserialize personal message 'help'")]
    public Activity? PersonalMessage() => JsonSerializer.Deserialize(personalMessage, BotJsonContext.Default.Activity);
}
