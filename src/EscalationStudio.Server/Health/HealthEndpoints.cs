using EscalationStudio.Persistence;
using EscalationStudio.Policies.Health;
using EscalationStudio.Server.Org;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Health;

internal sealed record HealthResponse(string Status, string Database, string OrgDirectory, IReadOnlyList<string> Problems);

internal static class HealthEndpoints
{
    public const string Healthy = "Healthy";
    public const string Degraded = "Degraded";
    public const string Unhealthy = "Unhealthy";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check)
            .AllowAnonymous()
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Anonymous liveness and readiness: database reachable, org directory loaded, no policy suspended for faulting.");
        return app;
    }

    /// <summary>
    /// 503 only when the database is unreachable; a broken org directory file, or a policy suspended because its runs
    /// kept faulting, degrades but keeps serving.
    /// </summary>
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Check(
        EscalationDbContext db, OrgDirectoryLoader org, IServiceProvider services, CancellationToken cancellationToken)
    {
        var databaseUp = await db.Database.CanConnectAsync(cancellationToken);
        var problems = org.LastErrors.ToList();
        if (org.Current.Tiers.Count == 0 && problems.Count == 0)
        {
            problems.Add($"no org directory loaded from {org.FilePath}");
        }

        var orgState = problems.Count == 0 ? $"{org.Current.Name}: {org.Current.Tiers.Count} tiers, {org.Current.Agents.Count} agents" : "invalid";
        if (services.GetService<PolicyHealth>() is { } policies)
        {
            problems.AddRange(policies.Suspended.OrderBy(s => s.DefinitionId, StringComparer.Ordinal).Select(s => s.Describe()));
        }

        if (!databaseUp)
        {
            return TypedResults.Json(new HealthResponse(Unhealthy, "unreachable", orgState, problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new HealthResponse(problems.Count == 0 ? Healthy : Degraded, db.Database.ProviderName ?? "connected", orgState, problems));
    }
}
