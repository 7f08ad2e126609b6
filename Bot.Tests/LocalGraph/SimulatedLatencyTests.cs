using Microsoft.Extensions.Time.Testing;
using TeamsMeetBot.LocalGraph;

namespace TeamsMeetBot.Tests.LocalGraph;

/// <summary>The simulators' latency wait ends at its deadline on the given clock: not before, and promptly after.</summary>
public sealed class SimulatedLatencyTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Completes_only_when_the_clock_reaches_the_deadline_also_inside_the_spin_margin()
    {
        long deadline = _clock.GetTimestamp() + (long)(0.100 * _clock.TimestampFrequency);
        var wait = SimulatedLatency.WaitUntilAsync(_clock, deadline, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMilliseconds(50));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(49)); // the sleep is over; the wait now yields until the deadline
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_deadline_already_passed_completes_at_once()
    {
        long deadline = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.True(SimulatedLatency.WaitUntilAsync(_clock, deadline, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_while_it_yields()
    {
        using var cancellation = new CancellationTokenSource();
        long deadline = _clock.GetTimestamp() + (long)(0.001 * _clock.TimestampFrequency); // inside the spin margin: no sleep
        var wait = SimulatedLatency.WaitUntilAsync(_clock, deadline, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
