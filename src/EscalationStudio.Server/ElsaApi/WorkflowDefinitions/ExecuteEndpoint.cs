using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// Runs a policy version against a sample ticket without touching real tickets: the designer's ▶ Run button. The
/// runtime (policies) supplies the implementation.
/// </summary>
public interface IPolicyTestRun
{
    /// <returns>The id of the test run's workflow instance, or null when the policy cannot start.</returns>
    Task<string?> StartAsync(WorkflowDefinition definition, CancellationToken cancellationToken);
}

internal static class ExecuteEndpoint
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static void MapDefinitionExecute(this RouteGroupBuilder definitions) =>
        definitions.MapMethods("/{definitionId}/execute", [HttpMethods.Get, HttpMethods.Post], ExecuteAsync)
            .WithName("ElsaExecuteDefinition").WithSummary("Test-runs the latest version against a sample ticket; answers the instance id in x-elsa-workflow-instance-id.");

    private static async Task<Results<Ok<ExecuteResponse>, NotFound>> ExecuteAsync(
        string definitionId, HttpContext context, IWorkflowDefinitionStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (DefinitionVersioning.LatestOf(versions) is not { } latest) return TypedResults.NotFound();

        var testRun = services.GetService<IPolicyTestRun>();
        var instanceId = testRun is null ? null : await testRun.StartAsync(latest, cancellationToken);
        if (instanceId is null)
        {
            context.Response.Headers[CannotStartHeader] = "true";
            return TypedResults.Ok(new ExecuteResponse(null, testRun is null ? "test runs are not available on this server" : "the policy has no trigger a sample ticket can start"));
        }
        context.Response.Headers[InstanceIdHeader] = instanceId;
        return TypedResults.Ok(new ExecuteResponse(instanceId, null));
    }
}

internal sealed record ExecuteResponse(string? WorkflowInstanceId, string? Reason);
