using Microsoft.Extensions.Options;
using TeamsMeetBot.Hosting;

namespace TeamsMeetBot.Scheduling;

/// <summary>Registers the scheduling card, the start reminders and their poller.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Binds <c>Scheduling</c> (see <see cref="SchedulingOptions"/>) and registers <see cref="MeetingReminders"/>,
    /// <see cref="ReminderDispatcher"/>, <see cref="SchedulingCardHandler"/> and the <see cref="ReminderPollingService"/>.</summary>
    /// <exception cref="ConfigurationException">A setting is out of range.</exception>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        SchedulingOptions settings;
        try
        {
            settings = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"The {SchedulingOptions.Section} settings cannot be read: {ex.Message}", ex);
        }

        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException("The scheduling settings are not usable:" + Environment.NewLine + " - " + string.Join(Environment.NewLine + " - ", problems));
        }

        services.AddSingleton(Options.Create(settings));
        services.AddSingleton<MeetingReminders>();
        services.AddSingleton<ReminderDispatcher>();
        services.AddSingleton<SchedulingCardHandler>();
        services.AddHostedService<ReminderPollingService>();
        return services;
    }
}
