using System.Diagnostics;

namespace TeamsMeetBot.Telemetry;

/// <summary>
/// The primary handler of the bot's outbound HTTP clients (Connector, Graph). Trace context (<c>traceparent</c>)
/// goes out only when traces are exported: HttpClient's diagnostics handler otherwise starts an Activity and
/// writes the headers for every request (about a tenth of a help reply's allocations) for a trace nobody keeps.
/// </summary>
public static class OutboundHttp
{
    /// <summary>The configuration key that turns on OpenTelemetry export (see the admin guide).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True when an OTLP endpoint is configured, i.e. traces, metrics and logs are exported.</summary>
    public static bool IsTelemetryExported(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration?[OtlpEndpointKey]);

    /// <summary>
    /// A <see cref="SocketsHttpHandler"/> that recycles pooled connections every five minutes (a long-lived client
    /// still follows DNS changes), propagates trace context only when <paramref name="propagateTraceContext"/>,
    /// and never follows a redirect itself: the Connector's host was checked against the allowed service hosts
    /// before the call, and a redirect would carry the activity to a host nobody checked (the call fails with the
    /// 3xx status instead); Graph's own redirect handler, which drops the token on a change of host, sees Graph's.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler(bool propagateTraceContext) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AllowAutoRedirect = false,
        ActivityHeadersPropagator = propagateTraceContext ? DistributedContextPropagator.Current : null,
    };
}
