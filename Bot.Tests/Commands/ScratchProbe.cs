using System.Diagnostics;
using TeamsMeetBot.Commands;
using Xunit.Abstractions;
using static TeamsMeetBot.Tests.Commands.CommandTestInputs;

namespace TeamsMeetBot.Tests.Commands;

public class ScratchProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        string[] texts =
        [
            "meet now with {A} about the db failover for 45 min",
            "meet at 3pm about the monday report",
            "meet tomorrow at 3pm for 45 min with {B} about the release",
            "schedule standup tomorrow 9:30 with {A} {B}",
            "meet now about plans for tomorrow",
            "meet on db failover",
            "meet now with {A} and",
            "meet in the morning",
            "start an emergency meeting with {T}",
            "meet now, 1 hour, {A}",
            "meet in 1h30",
            "meet for 1h at 3pm tomorrow with {A} re: budget",
            "<at>Unknown</at>",
            "meet 10/11/12 at 3pm",
            "meet at 12",
            "meet at 12am",
            "meet at 0:00",
            "meet at 24:00",
            "meet @ 3pm",
            "meet at 3pm.",
            "meet at 3pm?",
            "Can you set up a meeting with {A} tomorrow at 10?",
            "I need a meeting with {A} at 4",
            "reschedule",
            "move to 5",
            "meet 5 minutes from now",
            "meet next week on Tuesday at 3pm",
            "\u201cRelease review\u201d tomorrow at 3pm meet",
            "meet {A}: quick sync on logs",
            "meet at 3pm–4pm with {A}",
            "meet from 10:00 until 11:00 on Friday",
            "meet on Fri 27 Nov at 10",
            "meet noon tomorrow",
            "meet 9am-5pm",
            "ring them",
            "call everyone",
        ];
        foreach (string text in texts)
        {
            output.WriteLine(text + "  =>  " + CommandParser.Parse(Input(text, "America/Los_Angeles")));
        }

        var input = Input("meet tomorrow at 3pm for 45 min with {A} and {B} about \"the db failover\"", "America/Los_Angeles");
        for (int i = 0; i < 2000; i++)
        {
            CommandParser.Parse(input);
        }

        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 20000; i++)
        {
            CommandParser.Parse(input);
        }

        output.WriteLine("µs per parse: " + (sw.Elapsed.TotalMicroseconds / 20000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        CommandParser.Parse(input);
        output.WriteLine("bytes per parse: " + (GC.GetAllocatedBytesForCurrentThread() - before));
    }
}
