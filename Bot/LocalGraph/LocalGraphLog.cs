namespace TeamsMeetBot.LocalGraph;

internal static partial class LocalGraphLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning,
        Message = "SIMULATED GRAPH: serving a simulated Microsoft Graph at {BasePath} in this process; meetings are simulated, nobody can join them (mode {Mode}).")]
    public static partial void Started(ILogger logger, string basePath, LocalGraphMode mode);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information,
        Message = "Simulated Graph behaviour changed: mode {Mode}, latency {LatencyMilliseconds} ms.")]
    public static partial void BehaviorChanged(ILogger logger, LocalGraphMode mode, int latencyMilliseconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug,
        Message = "Simulated Graph {Method} {Path} answered {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning,
        Message = "Simulated Graph: posting a call notification for {CallId} to the callback failed")]
    public static partial void NotificationFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 404, Level = LogLevel.Debug,
        Message = "Simulated Graph: call notification for {CallId} answered {StatusCode}")]
    public static partial void NotificationSent(ILogger logger, string callId, int statusCode);
}
