using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TeamsMeetBot.BotFramework.Authentication;

/// <summary>Registers inbound Bot Connector token validation.</summary>
public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BotAuthenticationOptions"/> (section <c>BotAuthentication</c>, validated at
    /// start), the <see cref="SigningKeyCache"/> singleton with its named <see cref="HttpClient"/>, and the
    /// <see cref="ChannelTokenValidator"/> singleton, and the <see cref="SigningKeyWarmUp"/> that downloads the keys as the
    /// host starts. Expects <c>BotRuntime</c> to be registered; adds
    /// <see cref="TimeProvider.System"/> if no <see cref="TimeProvider"/> is.
    /// </summary>
    public static IServiceCollection AddChannelTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration.GetSection(BotAuthenticationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());

        services.AddHttpClient(SigningKeyCache.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(15);
                client.MaxResponseContentBufferSize = SigningKeyCache.MaximumDocumentBytes;
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<ChannelTokenValidator>();
        services.AddHostedService<SigningKeyWarmUp>();
        return services;
    }
}
