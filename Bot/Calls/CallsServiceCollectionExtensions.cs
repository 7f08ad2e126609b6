using TeamsMeetBot.Meetings;

namespace TeamsMeetBot.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>Registers calling: options (section <c>Calls</c>), the store, Graph calls, notification validation, the card renderer and coalescer.</summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallsOptions>().Bind(configuration.GetSection(CallsOptions.Section));
        services.AddHttpClient(NotificationTokenValidator.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<CallingSetup>();
        services.AddSingleton<CallStore>();
        services.AddSingleton(sp => new GraphCallsClient(sp.GetRequiredService<GraphClientProvider>()));
        services.AddSingleton<NotificationTokenValidator>();
        services.AddSingleton<MeetingCardRenderer>();
        services.AddSingleton<CardUpdateCoalescer>();
        services.AddSingleton<CallService>();
        services.AddSingleton<CallKeepAlive>();
        services.AddHostedService<CallKeepAliveService>();
        services.AddSingleton<CallNotificationsEndpoint>();
        return services;
    }

    /// <summary>Maps <c>POST /api/calls</c>.</summary>
    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(CallingSetup.NotificationsPath, (HttpContext http, CallNotificationsEndpoint endpoint) => endpoint.HandleAsync(http));
        return endpoints;
    }
}
