using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Settings;

namespace EscalationStudio.Server.HealthFigures;

internal static class EscalationHealthServiceCollectionExtensions
{
    /// <summary>The live ticket summaries (folded at start, updated with each commit), their figures' route and counters.</summary>
    public static IServiceCollection AddEscalationHealth(this IServiceCollection services)
    {
        services.AddOptions<EscalationHealthOptions>()
            .BindConfiguration(EscalationHealthOptions.Section)
            .ValidateOnStart<EscalationHealthOptions, EscalationHealthOptionsValidator>();
        services.AddSingleton<EscalationCounters>();
        services.AddSingleton<LiveTicketSummaries>();
        services.AddSingleton<ITicketEventObserver>(provider => provider.GetRequiredService<LiveTicketSummaries>());
        services.AddHostedService(provider => provider.GetRequiredService<LiveTicketSummaries>());
        return services;
    }
}
