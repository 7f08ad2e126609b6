using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;
using TeamsMeetBot.Telemetry;

namespace TeamsMeetBot.BotFramework.Connector;

/// <summary>Registration of the outbound Bot Connector client.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Largest Connector answer the client buffers (member pages are the biggest).</summary>
    private const long MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Registers <see cref="ConnectorClient"/> (typed HttpClient: retry handler outside, auth handler
    /// inside), <see cref="ServiceUrlPolicy"/>, <see cref="ConnectorTokenProvider"/>,
    /// <see cref="ConversationWritePacer"/> and <see cref="ConnectorOptions"/> (section <c>Connector</c>,
    /// validated at start). Expects <see cref="BotRuntime"/> and
    /// <c>IOptions&lt;BotCredentialsOptions&gt;</c> to be registered by the host.
    /// </summary>
    public static IServiceCollection AddConnectorClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        bool propagateTraceContext = OutboundHttp.IsTelemetryExported(configuration);

        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());

        // The clock of the token provider and the pacer (tests replace it with fake time).
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BotTelemetry>();
        services.TryAddSingleton<ServiceUrlPolicy>();
        // Activated with its (IOptions<ConnectorOptions>, TimeProvider) constructor, so it runs on the clock above.
        services.TryAddSingleton<ConversationWritePacer>();
        services.TryAddSingleton(sp => new ConnectorTokenProvider(
            sp.GetRequiredService<IOptions<BotCredentialsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectorTokenProvider>>()));
        services.TryAddTransient<ConnectorRetryHandler>();
        services.TryAddTransient<ConnectorAuthHandler>();

        services.AddHttpClient(nameof(ConnectorClient), client =>
            {
                // Attempts are timed by ConnectorRetryHandler; the whole call is bounded by retries and budget.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            // A typed client built by an explicit factory: the reflection-based one compiles an expression tree at first use.
            .AddTypedClient(static (http, sp) => new ConnectorClient(
                http,
                sp.GetRequiredService<ServiceUrlPolicy>(),
                sp.GetRequiredService<ConversationWritePacer>(),
                sp.GetRequiredService<BotTelemetry>(),
                sp.GetRequiredService<ILogger<ConnectorClient>>()))
            .AddHttpMessageHandler<ConnectorRetryHandler>()
            .AddHttpMessageHandler<ConnectorAuthHandler>()
            // The client is held by singletons (BotMessenger, AttendeeResolver): instead of rotating the handler,
            // recycle pooled connections so DNS changes of the Connector hosts are still picked up.
            .ConfigurePrimaryHttpMessageHandler(() => OutboundHttp.CreatePrimaryHandler(propagateTraceContext))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
