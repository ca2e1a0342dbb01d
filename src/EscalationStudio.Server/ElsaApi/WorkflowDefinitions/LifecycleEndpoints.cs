using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Health;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>Publish, retract and delete, by definition id or version.</summary>
internal static class LifecycleEndpoints
{
    public static void MapDefinitionLifecycle(this RouteGroupBuilder definitions, RouteGroupBuilder api)
    {
        definitions.MapPost("/{definitionId}/publish", PublishAsync)
            .WithName("ElsaPublishDefinition").WithSummary("Publishes the latest version; the policy is live at once.");
        definitions.MapPost("/{definitionId}/retract", RetractAsync)
            .WithName("ElsaRetractDefinition").WithSummary("Takes the policy out of the runtime.");
        definitions.MapPost("/{definitionId}/resume", Resume)
            .WithName("EscalationResumeDefinition")
            .WithSummary("Lets a policy suspended for faulting run again as it is (publishing a new version does so too); 404 when it is not suspended.");
        definitions.MapDelete("/{definitionId}", async Task<Results<NoContent, NotFound>> (string definitionId, DefinitionEditor editor, CancellationToken ct) =>
                await editor.DeleteAsync(definitionId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("ElsaDeleteDefinition").WithSummary("Deletes every version and the policy file.");
        definitions.MapDelete("/{definitionId}/version/{version:int}", DeleteVersionNumberAsync)
            .WithName("ElsaDeleteDefinitionVersionNumber").WithSummary("Deletes one old version (not the latest or live one).");
        api.MapDelete("/workflow-definition-versions/{id}", async Task<Results<NoContent, NotFound>> (string id, DefinitionEditor editor, CancellationToken ct) =>
                await editor.DeleteVersionAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("ElsaDeleteDefinitionVersion").WithSummary("Deletes one old version by its id (not the latest or live one).");
    }

    private static async Task<Results<Ok<JsonObject>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string definitionId, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        try
        {
            return await editor.PublishAsync(definitionId, cancellationToken) is { } published
                ? TypedResults.Ok(SaveEndpoint.Response(published, user))
                : TypedResults.NotFound();
        }
        catch (WorkflowDefinitionFormatException e)
        {
            return Problem.Field(e.Field ?? "model", e.Message);
        }
        catch (PublishRefusedException e)
        {
            return Problem.PublishRefused(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.FileNotWritten(e);
        }
    }

    private static async Task<Results<Ok<JsonObject>, NotFound>> RetractAsync(
        string definitionId, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await editor.RetractAsync(definitionId, cancellationToken) is { } retracted
            ? TypedResults.Ok(DefinitionModels.Full(retracted, user))
            : TypedResults.NotFound();

    private static Results<Ok<JsonObject>, NotFound> Resume(string definitionId, IServiceProvider services) =>
        services.GetService<PolicyHealth>()?.Resume(definitionId) == true
            ? TypedResults.Ok(new JsonObject { ["definitionId"] = definitionId, ["suspended"] = false })
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteVersionNumberAsync(
        string definitionId, int version, IWorkflowDefinitionStore store, DefinitionEditor editor, CancellationToken cancellationToken)
    {
        var match = (await store.ListVersionsAsync(definitionId, cancellationToken)).FirstOrDefault(v => v.Version == version);
        return match is not null && await editor.DeleteVersionAsync(match.Id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
