namespace TeamsMeetBot.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "LOCAL MODE: no MicrosoftAppId in Development. Inbound requests are accepted WITHOUT a token from loopback callers only; outbound calls to loopback service URLs carry no token; Graph is SIMULATED in this process (meetings are not real).")]
    public static partial void LocalMode(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Production mode: app id {AppId}, tenant {TenantId}; inbound Bot Connector tokens are required on /api/messages.")]
    public static partial void ProductionMode(ILogger logger, string appId, string tenantId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Connector:AllowLoopbackServiceUrls is on: outbound calls to loopback IP serviceUrls (127.0.0.0/8, ::1) are allowed without a token. This setting is for load benchmarks only; turn it off in any deployment.")]
    public static partial void LoopbackServiceUrlsAllowed(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Native heap: glibc maps blocks of {Bytes} bytes and more on their own and returns them to the system when they are freed.")]
    public static partial void NativeHeapApplied(ILogger logger, int bytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Native heap: left as it is ({Setting}); freed JIT working memory may stay resident in malloc's arenas.")]
    public static partial void NativeHeapUnchanged(ILogger logger, NativeHeapSetting setting);
}
