using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.History;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// A policy's history: Studio's Rollback (Elsa's <c>revert/{version}</c>), discarding a draft, the precedence among
/// clashing policies, and the version list with who changed what and when.
/// </summary>
internal static class HistoryEndpoints
{
    public static void MapDefinitionHistory(this RouteGroupBuilder changes, RouteGroupBuilder reads)
    {
        changes.MapPost("/{definitionId}/revert/{version:int}", RevertAsync)
            .WithName("ElsaRevertDefinitionVersion").WithSummary("Makes an earlier version's content the draft (Studio's Rollback); publish it like any edit.");
        changes.MapPost("/{definitionId}/discard-draft", DiscardDraftAsync)
            .WithName("EscalationDiscardDraft").WithSummary("Throws the unpublished latest version away; the version before it is the latest again.");
        changes.MapPut("/{definitionId}/precedence", SetPrecedenceAsync)
            .WithName("EscalationSetPrecedence").WithSummary("Which of several policies started by one ticket event acts first (higher first).");
        changes.MapPut("/{definitionId}/enabled", SetEnabledAsync)
            .WithName("EscalationSetEnabled").WithSummary("Switches a policy on or off: a disabled policy stays published and in its file, but no ticket event starts it.");
        reads.MapGet("/{definitionId}/history", HistoryAsync)
            .WithName("EscalationDefinitionHistory").WithSummary("Every version, newest first: state, who changed it and when, and what changed from the version before.");
    }

    internal static string? Author(ClaimsPrincipal user) => user.Identity?.Name;

    private static async Task<Results<Ok<JsonObject>, NotFound>> RevertAsync(
        string definitionId, int version, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await editor.RevertAsync(definitionId, version, Author(user), cancellationToken) is { } draft
            ? TypedResults.Ok(DefinitionModels.Full(draft, user))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> DiscardDraftAsync(
        string definitionId, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await editor.DiscardDraftAsync(definitionId, cancellationToken) is { } latest
            ? TypedResults.Ok(DefinitionModels.Full(latest, user))
            : TypedResults.Problem(
                title: "There is no draft to discard",
                detail: $"'{definitionId}' has no unpublished version after a published one (a policy never published is deleted instead).",
                statusCode: StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<JsonObject>, NotFound, ValidationProblem, ProblemHttpResult>> SetPrecedenceAsync(
        string definitionId, PrecedenceRequest request, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Precedence is not { } precedence || precedence is < -1000 or > 1000)
        {
            return Problem.Field("precedence", "precedence must be a whole number between -1000 and 1000 (higher acts first)");
        }

        try
        {
            return await editor.SetPrecedenceAsync(definitionId, precedence, Author(user), cancellationToken) is { } latest
                ? TypedResults.Ok(DefinitionModels.Full(latest, user))
                : TypedResults.NotFound();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.FileNotWritten(e);
        }
    }

    private static async Task<Results<Ok<JsonObject>, NotFound, ValidationProblem, ProblemHttpResult>> SetEnabledAsync(
        string definitionId, EnabledRequest request, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Enabled is not { } enabled)
        {
            return Problem.Field("enabled", "enabled must be true (the policy runs) or false (it stays in its file but nothing starts it)");
        }

        try
        {
            return await editor.SetEnabledAsync(definitionId, enabled, Author(user), cancellationToken) is { } latest
                ? TypedResults.Ok(DefinitionModels.Full(latest, user))
                : TypedResults.NotFound();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem.FileNotWritten(e);
        }
    }

    /// <summary>What a manager should know before relying on this policy: the published policies it clashes with.</summary>
    internal static JsonArray ClashWarnings(WorkflowDefinition policy, IServiceProvider services) =>
        new([.. PolicyClashes.Of(policy, services.GetService<Workflows.Runtime.PublishedWorkflows>()?.Current ?? [])
            .Select(c => (JsonNode?)new JsonObject
            {
                ["definitionId"] = c.DefinitionId,
                ["name"] = c.Name,
                ["precedence"] = c.Precedence,
                ["message"] = c.Describe(policy),
            })]);

    private static async Task<Results<Ok<JsonObject>, NotFound>> HistoryAsync(string definitionId, IWorkflowDefinitionStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var versions = (await store.ListVersionsAsync(definitionId, cancellationToken)).OrderBy(v => v.Version).ToList();
        if (versions.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var items = new JsonArray();
        WorkflowDefinition? previous = null;
        foreach (var version in versions)
        {
            items.Insert(0, Entry(version, previous));
            previous = version;
        }

        return TypedResults.Ok(new JsonObject
        {
            ["definitionId"] = definitionId,
            ["clashes"] = ClashWarnings(versions[^1], services),
            ["items"] = items,
        });
    }

    internal static JsonObject Entry(WorkflowDefinition version, WorkflowDefinition? previous) => new()
    {
        ["id"] = version.Id,
        ["version"] = version.Version,
        ["name"] = version.Name,
        ["state"] = StateOf(version),
        ["changedBy"] = DefinitionStamps.Author(version),
        ["changedAt"] = (DefinitionStamps.ChangedAtOf(version) ?? version.CreatedAt).ToString("O"),
        ["precedence"] = DefinitionStamps.PrecedenceOf(version),
        ["enabled"] = !DefinitionStamps.IsDisabled(version),
        ["changes"] = new JsonArray([.. PolicyDiff.Between(previous, version).Select(c => (JsonNode?)c)]),
    };

    internal static string StateOf(WorkflowDefinition version) => version switch
    {
        { IsPublished: true } => "published",
        _ when DefinitionStamps.IsRetracted(version) => "retracted",
        { IsLatest: true } => "draft",
        _ => "superseded",
    };
}

internal sealed record PrecedenceRequest(int? Precedence);

internal sealed record EnabledRequest(bool? Enabled);
