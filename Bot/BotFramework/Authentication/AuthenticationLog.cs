namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>Log events of inbound authentication. Never logs tokens or claim values.</summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "Rejected inbound Bot Connector token: {Reason} (channelId {ChannelId}).")]
    public static partial void TokenRejected(ILogger logger, string reason, string? channelId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Loaded {KeyCount} Bot Connector signing keys from {JwksUri}.")]
    public static partial void KeysLoaded(ILogger logger, int keyCount, string jwksUri);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Downloading the Bot Connector signing keys from {MetadataUrl} failed; {Consequence}")]
    public static partial void KeyDownloadFailed(ILogger logger, string metadataUrl, string consequence, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "The Bot Connector signing keys from {MetadataUrl} were not usable: {Problem}; {Consequence}")]
    public static partial void KeyDocumentRejected(ILogger logger, string metadataUrl, string problem, string consequence);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Skipped jwks entry {KeyId}: {Problem}.")]
    public static partial void KeyEntrySkipped(ILogger logger, string keyId, string problem);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information,
        Message = "Token signed with unknown kid {KeyId}: downloading the signing keys again.")]
    public static partial void ForcedRefreshStarted(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Debug,
        Message = "Token signed with unknown kid {KeyId}: the last key download was less than {MinimumInterval} ago, not downloading again.")]
    public static partial void ForcedRefreshRateLimited(ILogger logger, string keyId, TimeSpan minimumInterval);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error,
        Message = "No Bot Connector signing keys have ever been loaded from {MetadataUrl}: every inbound request is rejected until a download succeeds.")]
    public static partial void NoKeysLoaded(ILogger logger, string metadataUrl);
}
