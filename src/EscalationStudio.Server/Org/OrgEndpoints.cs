using EscalationStudio.Domain.Org;
using EscalationStudio.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Org;

internal static class OrgEndpoints
{
    public static IEndpointRouteBuilder MapOrgEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/org").WithTags("Org directory").RequireAuthorization(AuthorizationPolicies.AnyRole);

        org.MapGet("/", (IOrgDirectorySource source) => TypedResults.Ok(OrgResponse.From(source.Current)))
            .WithName("GetOrgDirectory")
            .WithSummary("Tiers, agents, authority levels and business-hours calendars in force.");

        org.MapPost("/reload", Reload)
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .WithName("ReloadOrgDirectory")
            .WithSummary("Reads the org directory file again (admins). A broken file is reported and the directory in force stays.");
        return app;
    }

    private static Results<Ok<OrgResponse>, ProblemHttpResult> Reload(OrgDirectoryLoader loader)
    {
        var errors = loader.Load();
        return errors.Count == 0
            ? TypedResults.Ok(OrgResponse.From(loader.Current))
            : TypedResults.Problem(
                title: "The org directory file is invalid; the previous directory stays in force",
                detail: string.Join(Environment.NewLine, errors),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["file"] = loader.FilePath });
    }
}
