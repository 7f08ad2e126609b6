using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamsMeetBot.Telemetry;

/// <summary>The bot's OpenTelemetry sources: one ActivitySource for traces and one Meter for metrics.</summary>
public sealed class BotTelemetry : IDisposable
{
    public const string Name = "TeamsMeetBot";

    public static readonly ActivitySource ActivitySource = new(Name);

    public BotTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(Name);
        ActivitiesReceived = Meter.CreateCounter<long>("teamsmeetbot.activities.received", description: "Activities received on /api/messages, by type.");
        ActivitiesRejected = Meter.CreateCounter<long>("teamsmeetbot.activities.rejected", description: "Requests to /api/messages rejected (401/400), by reason.");
        TurnDuration = Meter.CreateHistogram<double>("teamsmeetbot.turn.duration", unit: "ms", description: "Time to handle one activity.");
        MeetingsCreated = Meter.CreateCounter<long>("teamsmeetbot.meetings.created", description: "Online meetings created through Graph.");
        ConnectorCalls = Meter.CreateCounter<long>("teamsmeetbot.connector.calls", description: "Calls to the Bot Connector, by operation and status.");
        GraphFailures = Meter.CreateCounter<long>("teamsmeetbot.graph.failures", description: "Graph calls that failed, by status.");
    }

    public Meter Meter { get; }

    public Counter<long> ActivitiesReceived { get; }

    public Counter<long> ActivitiesRejected { get; }

    public Histogram<double> TurnDuration { get; }

    public Counter<long> MeetingsCreated { get; }

    public Counter<long> ConnectorCalls { get; }

    public Counter<long> GraphFailures { get; }

    public void Dispose() => Meter.Dispose();
}
