using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>
/// The bot's outbound Bot Connector token (client credentials for
/// <c>https://api.botframework.com/.default</c>). One instance per process: the token is cached
/// until five minutes before it expires, concurrent callers share one refresh, and a token the
/// Connector rejected with 401 can be dropped so the next call fetches a new one.
/// The credential is chosen from <see cref="BotCredentialsOptions"/> on first use.
/// </summary>
public class ConnectorTokenProvider : IDisposable
{
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>The legacy multi-tenant authority's tenant.</summary>
    public const string MultiTenantAuthorityTenant = "botframework.com";

    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Lazy<TokenCredential> credential;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly SemaphoreSlim refreshGate = new(1, 1);
    private CachedToken? cached;

    public ConnectorTokenProvider(IOptions<BotCredentialsOptions> options, TimeProvider timeProvider, ILogger<ConnectorTokenProvider> logger)
        : this(() => CreateCredential(options.Value), timeProvider, logger)
    {
    }

    /// <summary>Uses the given credential (tests, or hosts that build their own).</summary>
    public ConnectorTokenProvider(TokenCredential credential, TimeProvider timeProvider, ILogger<ConnectorTokenProvider> logger)
        : this(() => credential, timeProvider, logger)
    {
    }

    /// <summary>Builds the credential lazily with <paramref name="credentialFactory"/> on the first token request.</summary>
    public ConnectorTokenProvider(Func<TokenCredential> credentialFactory, TimeProvider timeProvider, ILogger<ConnectorTokenProvider> logger)
    {
        credential = new Lazy<TokenCredential>(credentialFactory, LazyThreadSafetyMode.ExecutionAndPublication);
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected ConnectorTokenProvider()
    {
        credential = new Lazy<TokenCredential>(() => throw new InvalidOperationException("This instance was created for mocking."));
        timeProvider = TimeProvider.System;
        logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>A valid access token; throws <see cref="ConnectorException"/> (<c>TokenUnavailable</c>) when none can be had.</summary>
    public virtual async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (TryGetCached(out string? token))
        {
            return token;
        }

        await refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (TryGetCached(out token))
            {
                return token;
            }

            AccessToken fresh = await AcquireAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            var refreshAt = fresh.ExpiresOn - RefreshMargin;
            cached = new CachedToken(fresh.Token, refreshAt > now ? refreshAt : now);
            ConnectorLog.TokenAcquired(logger, fresh.ExpiresOn);
            return fresh.Token;
        }
        finally
        {
            refreshGate.Release();
        }
    }

    /// <summary>
    /// Forgets <paramref name="rejectedToken"/> after the Connector answered 401 to it. A newer token
    /// fetched meanwhile by another caller is kept.
    /// </summary>
    public virtual void Invalidate(string rejectedToken)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && string.Equals(current.Token, rejectedToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref cached, null, current);
        }
    }

    /// <summary>
    /// The Azure.Identity credential for the configured app type: SingleTenant → secret or
    /// certificate against the bot's tenant; MultiTenant → the same against <c>botframework.com</c>;
    /// UserAssignedMSI → the managed identity whose client id is the app id.
    /// </summary>
    public static TokenCredential CreateCredential(BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppId))
        {
            throw new ConnectorException(
                "No MicrosoftAppId is configured, so no Bot Connector token can be obtained.",
                statusCode: null,
                ConnectorErrorCodes.TokenUnavailable);
        }

        string appId = options.MicrosoftAppId.Trim();
        string appType = options.AppType;
        if (string.Equals(appType, BotCredentialsOptions.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId));
        }

        string tenant = AuthorityTenantFor(options);
        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath))
        {
            return new ClientCertificateCredential(tenant, appId, LoadCertificateFile(options.MicrosoftAppCertificatePath, options.MicrosoftAppCertificatePassword));
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint))
        {
            return new ClientCertificateCredential(tenant, appId, FindCertificate(options.MicrosoftAppCertificateThumbprint));
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            return new ClientSecretCredential(tenant, appId, options.MicrosoftAppPassword);
        }

        throw new ConnectorException(
            "No MicrosoftAppPassword or certificate is configured, so no Bot Connector token can be obtained.",
            statusCode: null,
            ConnectorErrorCodes.TokenUnavailable);
    }

    /// <summary>The tenant whose token endpoint issues the Connector token for secret/certificate credentials.</summary>
    public static string AuthorityTenantFor(BotCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.AppType, BotCredentialsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase))
        {
            return MultiTenantAuthorityTenant;
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            throw new ConnectorException(
                "MicrosoftAppTenantId is not configured, so no Bot Connector token can be obtained for a SingleTenant bot.",
                statusCode: null,
                ConnectorErrorCodes.TokenUnavailable);
        }

        return options.MicrosoftAppTenantId.Trim();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            refreshGate.Dispose();
        }
    }

    private bool TryGetCached([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? token)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && timeProvider.GetUtcNow() < current.RefreshAt)
        {
            token = current.Token;
            return true;
        }

        token = null;
        return false;
    }

    private async Task<AccessToken> AcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await credential.Value.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        }
        catch (ConnectorException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Azure.Identity messages name the tenant and client id, never the secret.
            ConnectorLog.TokenAcquisitionFailed(logger, ex.GetType().Name);
            throw new ConnectorException("No Bot Connector token could be obtained: " + ex.Message, statusCode: null, ConnectorErrorCodes.TokenUnavailable, innerException: ex);
        }
    }

    private static X509Certificate2 LoadCertificateFile(string path, string? password)
    {
        string fullPath = Path.GetFullPath(path);
        if (fullPath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(fullPath)
                : X509Certificate2.CreateFromEncryptedPemFile(fullPath, password);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(fullPath, password);
    }

    private static X509Certificate2 FindCertificate(string thumbprint)
    {
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
        return found.Count > 0
            ? found[0]
            : throw new ConnectorException(
                "The certificate named by MicrosoftAppCertificateThumbprint is not in the CurrentUser/My store.",
                statusCode: null,
                ConnectorErrorCodes.TokenUnavailable);
    }

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);
}
