using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;

namespace TeamsMeetBot.Hosting;

/// <summary>
/// The bot's Entra credential (Azure.Identity) for a given authority tenant, by app type: client
/// secret or certificate for SingleTenant/MultiTenant, the user-assigned managed identity for
/// UserAssignedMSI. Used for Graph (the bot's home tenant) and, through the Connector token
/// provider, for the Bot Connector (botframework.com for legacy multi-tenant bots).
/// </summary>
public static class BotCredentialFactory
{
    public static TokenCredential Create(BotCredentialsOptions options, string tenantId)
    {
        string appId = options.MicrosoftAppId ?? throw new ConfigurationException("MicrosoftAppId is required to build the bot's credential.");
        if (string.Equals(options.AppType, BotCredentialsOptions.UserAssignedMsi, StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId));
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath))
        {
            var certificate = LoadCertificate(options.MicrosoftAppCertificatePath, options.MicrosoftAppCertificatePassword);
            return new ClientCertificateCredential(tenantId, appId, certificate, new ClientCertificateCredentialOptions { SendCertificateChain = true });
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint))
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.MicrosoftAppCertificateThumbprint, validOnly: false);
            if (found.Count == 0)
            {
                throw new ConfigurationException($"No certificate with thumbprint {options.MicrosoftAppCertificateThumbprint} is in the CurrentUser/My store.");
            }

            return new ClientCertificateCredential(tenantId, appId, found[0], new ClientCertificateCredentialOptions { SendCertificateChain = true });
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            throw new ConfigurationException("MicrosoftAppPassword or a certificate is required for this app type.");
        }

        return new ClientSecretCredential(tenantId, appId, options.MicrosoftAppPassword);
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        return path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }
}
