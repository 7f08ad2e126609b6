using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsMeetBot.LocalGraph;

public static class LocalGraphServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulated Graph (local mode only): behaviour bound to configuration section
    /// <c>LocalGraph</c> (reloadable), the request recorder, the in-memory meeting store and the schema validator.
    /// </summary>
    public static IServiceCollection AddLocalGraph(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalGraphOptions>().Bind(configuration.GetSection(LocalGraphOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GraphSchemaValidator>();
        services.TryAddSingleton<LocalGraphBehavior>();
        services.TryAddSingleton<LocalGraphRecorder>();
        services.TryAddSingleton<SimulatedMeetingStore>();
        services.TryAddSingleton<SimulatedOnlineMeetingFactory>();
        services.TryAddSingleton<LocalGraphSigningKey>();
        services.TryAddSingleton<SimulatedCallStore>();
        services.TryAddSingleton<SimulatedCallNotifier>();
        services.AddHttpClient(SimulatedCallNotifier.HttpClientName);
        return services;
    }
}
