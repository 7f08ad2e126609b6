using System.Globalization;

namespace TeamsMeetBot.LoadDriver;

/// <summary>
/// The whole machine's CPU time so far, from the first line of <c>/proc/stat</c> (clock ticks summed over all cores).
/// Two readings tell how busy the machine was in between and how much of the time its processes wanted to run the
/// hypervisor gave to someone else (<c>steal</c>): on a shared virtual machine that is the noise a latency tail
/// and a throughput figure carry, printed next to them.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Idle, long Steal)
{
    /// <summary>Null where <c>/proc/stat</c> cannot be read (not Linux).</summary>
    public static MachineCpu? Read()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads <c>cpu user nice system idle iowait irq softirq steal ...</c>; null when the line is not that.</summary>
    internal static MachineCpu? Parse(string? line)
    {
        var fields = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
        {
            return null;
        }

        var ticks = new long[8];
        for (int i = 0; i < ticks.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        // user + nice + system + irq + softirq (guest time is counted in user); idle + iowait; steal.
        return new MachineCpu(ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6], ticks[3] + ticks[4], ticks[7]);
    }

    public static MachineCpu operator -(MachineCpu later, MachineCpu earlier) =>
        new(later.Busy - earlier.Busy, later.Idle - earlier.Idle, later.Steal - earlier.Steal);

    public static MachineCpu operator +(MachineCpu a, MachineCpu b) => new(a.Busy + b.Busy, a.Idle + b.Idle, a.Steal + b.Steal);

    /// <summary>Of the time the machine's processes wanted a core (busy + steal), the share the hypervisor withheld.</summary>
    public double StealPercent => Busy + Steal == 0 ? 0 : 100.0 * Steal / (Busy + Steal);

    /// <summary>Share of all the cores' time spent idle.</summary>
    public double IdlePercent => Busy + Idle + Steal == 0 ? 0 : 100.0 * Idle / (Busy + Idle + Steal);

    /// <summary>"steal 3.2 % of the CPU time asked for, machine 41 % idle", for a difference of two readings.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"hypervisor steal {StealPercent:0.0} % of the CPU time asked for, machine {IdlePercent:0} % idle");
}
