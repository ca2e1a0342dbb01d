using EscalationStudio.Persistence;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Server.HealthFigures;
using OpenTelemetry.Metrics;

namespace EscalationStudio.Server.Telemetry;

/// <summary>
/// Prometheus metrics at <c>/metrics</c> through OpenTelemetry: the escalations this node commits
/// (<see cref="EscalationCounters.MeterName"/>) and the policy runtime's health (<see cref="TimerLag.MeterName"/>:
/// timer lag, dispatch queue depth, events dispatched, policy runs and faults) and the ticket writer's load
/// (<see cref="PersistenceServiceCollectionExtensions.MeterName"/>). A Grafana dashboard for them is
/// <c>Telemetry/grafana-dashboard.json</c>.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddEscalationTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EscalationCounters.MeterName, TimerLag.MeterName, PersistenceServiceCollectionExtensions.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Anonymous, like <c>/health</c>: Prometheus scrapes without a key, and the endpoint shows counts, never a ticket.
    /// Keep it off the public network (a reverse proxy or firewall rule) where counts are confidential.
    /// </summary>
    public static IEndpointRouteBuilder MapEscalationTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
