using TeamsMeetBot.Commands;

namespace TeamsMeetBot.Tests;

public sealed class ScratchProbe
{
    private static string W(MeetingChoice w) => $"day={w.OnDay} times={string.Join(",", w.AtTimes)} win={w.Window} words=[{string.Join("|", w.Words)}] with=[{string.Join("|", w.With.Select(p => p.Name))}] latest={w.Latest} next={w.Next} says={w.SaysWhich}";

    [Fact]
    public void Probe()
    {
        var lines = File.ReadAllLines("/tmp/probe/in3.txt");
        var output = new List<string>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = CommandParser.Parse(TeamsMeetBot.Tests.Commands.CommandTestInputs.Input(line.Split(" ## ")[0], zone: line.Contains(" ## ") ? line.Split(" ## ")[1] : "America/Los_Angeles", locale: line.Contains(" ## ") ? line.Split(" ## ")[2] : "en-US"));
            string text = result switch
            {
                CreateMeetingCommand c => $"CREATE start={c.Start?.ToString("ddd yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "now"} dur={c.Duration.TotalMinutes} subj=[{c.Subject}] att={TeamsMeetBot.Tests.Commands.CommandTestInputs.Names(c.Attendees)} all={c.InviteEveryone} excl={TeamsMeetBot.Tests.Commands.CommandTestInputs.Names(c.Excluded)} unm={string.Join(",", c.UnmatchedNames)} typed={string.Join(",", c.TypedNames)}",
                CancelMeetingCommand k => $"CANCEL {W(k.Which)}",
                RescheduleMeetingCommand r => $"RESCHED start={r.NewStart} dur={r.NewDuration} shift={r.ShiftBy} ext={r.ExtendBy} day={r.NewDay} which={W(r.Which)}",
                ListMeetingsCommand l => $"LIST mine={l.Mine} {W(l.Which)}",
                ChangeMeetingCommand g => $"CHANGE inv=[{TeamsMeetBot.Tests.Commands.CommandTestInputs.Names(g.Invite)}] invN=[{string.Join("|", g.InviteByName)}] un=[{TeamsMeetBot.Tests.Commands.CommandTestInputs.Names(g.Uninvite)}] unN=[{string.Join("|", g.UninviteByName)}] subj=[{g.NewSubject}] {W(g.Which)}",
                TimeZoneQuestionCommand z => $"TZ {z.Answer}",
                ParseFailure f => $"FAIL {f.Kind}: {f.Message} | sugg={f.Suggestion}",
                _ => result.ToString() ?? "",
            };
            output.Add(line + "\n   => " + text);
        }

        File.WriteAllLines("/tmp/probe/out3.txt", output);
    }
}
