using EscalationStudio.Metrics.Health;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.HealthFigures;

internal static class EscalationHealthEndpoints
{
    public static IEndpointRouteBuilder MapEscalationHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/metrics")
            .WithTags("Escalation health")
            .RequireAuthorization(AuthorizationPolicies.ManagerOrAdmin)
            .ValidateRequests()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("/escalation", Handle)
            .WithName("GetEscalationHealth")
            .WithSummary("Escalation-health figures (managers and admins): escalation rate, time to escalate, " +
                "first-tier resolution, CSAT, de-escalation, bounce, reassignment, SLA, sources, load; with trends per " +
                "period, tier and policy, the tier flow and the healthy band. Every share carries its numerator and denominator.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<EscalationHealthResponse>> Handle(
        [AsParameters] EscalationHealthQuery query, LiveTicketSummaries summaries, IOptions<EscalationHealthOptions> options, CancellationToken cancellationToken)
    {
        var filter = query.ToFilter();
        var period = query.PeriodOrDefault;
        HealthCuts.TryFindZone(query.Zone, out var zone);
        var band = new HealthyBand(options.Value.HealthyEscalationRateLow, options.Value.HealthyEscalationRateHigh);
        var (figures, trend, tiers) = await summaries.ReadAsync(
            all => (EscalationHealth.Aggregate(all, filter), EscalationHealth.Trend(all, filter, period, zone), EscalationHealth.Tiers(all, filter, period, zone)),
            cancellationToken);
        return TypedResults.Ok(new EscalationHealthResponse(
            period,
            zone.Id,
            filter.CreatedFrom,
            filter.CreatedBefore,
            band,
            HealthCuts.TicketQuery(filter),
            figures,
            [.. trend.Select(p => TrendPoint.From(p, band))],
            tiers.Tiers,
            PolicyTrends(figures, trend),
            tiers.Flow));
    }

    // The per-period reports already count each policy's escalations: the policy series is a pivot of the trend.
    private static List<PolicyTrend> PolicyTrends(EscalationHealthReport figures, IReadOnlyList<PeriodHealth> trend) =>
        [.. figures.Sources.ByPolicy.Select(source => new PolicyTrend(
            source.Policy,
            source.Version,
            Figure.PolicyKey(source.Policy, source.Version),
            source.Escalations,
            source.Tickets,
            [.. trend.Select(period =>
                period.Health.Sources.ByPolicy.FirstOrDefault(p => p.Policy == source.Policy && p.Version == source.Version) is { } inPeriod
                    ? new PolicyPeriod(period.Start, inPeriod.Escalations, inPeriod.Tickets)
                    : new PolicyPeriod(period.Start, 0, new Ratio(0, period.Health.EscalationRate.Numerator)))]))];
}
