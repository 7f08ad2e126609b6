namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>
/// Every reason <see cref="ChannelTokenValidator"/> gives for a rejection. Fixed strings: they go to
/// logs and metrics, never into a response body, and never contain the token.
/// </summary>
public static class TokenFailureReasons
{
    public const string NoAppId = "no app id is configured, so no channel token can be accepted";
    public const string MissingHeader = "Authorization header missing";
    public const string NotBearer = "Authorization header is not exactly 'Bearer <token>'";
    public const string TokenTooLarge = "token exceeds the maximum size";
    public const string MalformedToken = "token is not a well-formed JWS";
    public const string AlgorithmNotAllowed = "token alg is not RS256";
    public const string WrongIssuer = "token issuer is not the Bot Framework channel issuer";
    public const string MissingKeyId = "token header has no kid";
    public const string NoSigningKeys = "no signing keys have ever been loaded";
    public const string UnknownKeyId = "token kid is not in the signing key set";
    public const string InvalidSignature = "token signature is invalid";
    public const string Expired = "token expired";
    public const string NotYetValid = "token not yet valid";
    public const string MissingExpiration = "token has no exp";
    public const string InvalidLifetime = "token lifetime is invalid";
    public const string WrongAudience = "token audience is not this bot's app id";
    public const string OtherValidationFailure = "token failed validation";
    public const string ChannelNotTeams = "activity channelId is not msteams";
    public const string KeyNotEndorsedForChannel = "signing key is not endorsed for the activity's channel";
    public const string MissingServiceUrlClaim = "token has no serviceurl claim";
    public const string MissingServiceUrl = "activity has no serviceUrl";
    public const string ServiceUrlMismatch = "token serviceurl claim does not match activity serviceUrl";
}
