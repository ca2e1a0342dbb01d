using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// Runs a policy version against a sample ticket without touching real tickets: the designer's ▶ Run button.
/// Registered by the policy runtime (<see cref="ExecuteTestRuns.AddPolicyTestRuns"/>); without one the button is hidden.
/// </summary>
public interface IPolicyTestRun
{
    /// <param name="input">The run input (fields of the sample ticket, or <c>ticketId</c>: a real ticket to copy); null for the standard sample.</param>
    /// <exception cref="SampleTicketException">The input cannot make a sample ticket.</exception>
    Task<SandboxRun> RunAsync(WorkflowDefinition definition, JsonObject? input, CancellationToken cancellationToken);
}

internal static class ExecuteEndpoint
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static void MapDefinitionExecute(this RouteGroupBuilder definitions) =>
        definitions.MapMethods("/{definitionId}/execute", [HttpMethods.Get, HttpMethods.Post], ExecuteAsync)
            .WithName("ElsaExecuteDefinition")
            .WithSummary("Test-runs the latest version (drafts included) against a sample ticket in a sandbox; " +
                "answers the instance id in x-elsa-workflow-instance-id and the run's timeline in the body.");

    private static async Task<Results<Ok<ExecuteResponse>, NotFound, ValidationProblem>> ExecuteAsync(
        string definitionId, HttpContext context, IWorkflowDefinitionStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (DefinitionVersioning.LatestOf(versions) is not { } latest)
        {
            return TypedResults.NotFound();
        }

        if (services.GetService<IPolicyTestRun>() is not { } testRun)
        {
            context.Response.Headers[CannotStartHeader] = "true";
            return TypedResults.Ok(new ExecuteResponse(null, "test runs are not available on this server", null, null));
        }

        SandboxRun run;
        try
        {
            run = await testRun.RunAsync(latest, await ReadInputAsync(context.Request, cancellationToken), cancellationToken);
        }
        catch (SampleTicketException invalid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["input." + invalid.Field] = [invalid.Message] });
        }
        catch (JsonException malformed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [malformed.Path ?? "$"] = [$"The body is not valid JSON: {malformed.Message}"] });
        }
        catch (UnreadableBodyException unreadable)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [unreadable.Field] = [unreadable.Message] });
        }

        var runUrl = $"{context.Request.PathBase}/studio/runs/{Uri.EscapeDataString(run.InstanceId ?? run.Id)}";
        if (run.InstanceId is null)
        {
            context.Response.Headers[CannotStartHeader] = "true";
        }
        else
        {
            context.Response.Headers[InstanceIdHeader] = run.InstanceId;
        }

        return TypedResults.Ok(new ExecuteResponse(run.InstanceId, run.NotStartedReason, runUrl, TestRunSummary.Of(run, context.RequestServices.GetRequiredService<IOrgDirectorySource>().Current)));
    }

    /// <summary>The designer posts Elsa's ExecuteWorkflowDefinitionRequest; only its <c>input</c> matters to a test run.</summary>
    private static async Task<JsonObject?> ReadInputAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method) || request.ContentLength == 0)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = JsonNode.Parse(text);
        if (JsonText.FindUnstorable(parsed, "") is { } unstorable)
        {
            throw new UnreadableBodyException(unstorable.Path.Length == 0 ? "body" : unstorable.Path, unstorable.Problem);
        }

        return parsed switch
        {
            JsonObject body => body["input"] switch
            {
                null => null,
                JsonObject input => input,
                _ => throw new SampleTicketException("input", "must be an object of sample ticket fields"),
            },
            _ => throw new SampleTicketException("body", "must be a JSON object"),
        };
    }
}

/// <summary>A body whose text cannot be read or kept (a lone surrogate, invalid UTF-8, a NUL, a name given twice).</summary>
internal sealed class UnreadableBodyException(string field, string problem) : Exception(problem)
{
    public string Field { get; } = field;
}

internal sealed record ExecuteResponse(string? WorkflowInstanceId, string? Reason, string? RunUrl, TestRunSummary? Run);
