using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>Reading definitions: one by definition id or version id, the paged list, version history, name check.</summary>
internal static class QueryEndpoints
{
    public static void MapDefinitionQueries(this RouteGroupBuilder definitions)
    {
        definitions.MapGet("/by-definition-id/{definitionId}", ByDefinitionIdAsync)
            .WithName("ElsaGetDefinition").WithSummary("One version of a definition (versionOptions, default Latest).");
        definitions.MapGet("/{definitionId}", ByDefinitionIdAsync)
            .WithName("ElsaGetDefinitionAlias").WithSummary("Alias of by-definition-id.");
        definitions.MapGet("/by-id/{id}", ByIdAsync)
            .WithName("ElsaGetDefinitionVersion").WithSummary("One version by its version id.");
        definitions.MapGet("/", ListAsync)
            .WithName("ElsaListDefinitions").WithSummary("Paged list of definitions; the designer's version history uses versionOptions=AllVersions.");
        definitions.MapGet("/{definitionId}/versions", VersionsAsync)
            .WithName("ElsaListVersions").WithSummary("Every version of one definition, newest first.");
        definitions.MapGet("/query/count", async (IWorkflowDefinitionStore store, CancellationToken ct) =>
                TypedResults.Ok(new { count = (await store.SummarizeAsync(ct)).Count }))
            .WithName("ElsaCountDefinitions").WithSummary("How many definitions there are.");
        definitions.MapGet("/validation/is-name-unique", IsNameUniqueAsync)
            .WithName("ElsaIsNameUnique").WithSummary("Whether no other definition has this name (Save As dialog).");
    }

    private static async Task<Results<Ok<JsonObject>, NotFound, ValidationProblem>> ByDefinitionIdAsync(
        string definitionId, string? versionOptions, ClaimsPrincipal user, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions, out var options))
        {
            return Problem.UnknownVersionOptions(versionOptions);
        }

        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var match = versions.Where(options.Matches).MaxBy(v => v.Version);
        return match is null ? TypedResults.NotFound() : TypedResults.Ok(DefinitionModels.Full(match, user));
    }

    private static async Task<Results<Ok<JsonObject>, NotFound>> ByIdAsync(
        string id, ClaimsPrincipal user, IWorkflowDefinitionStore store, CancellationToken cancellationToken) =>
        await store.FindByIdAsync(id, cancellationToken) is { } definition
            ? TypedResults.Ok(DefinitionModels.Full(definition, user))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<JsonObject>, ValidationProblem>> ListAsync(
        [AsParameters] DefinitionListQuery query, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(query.VersionOptions, out var options))
        {
            return Problem.UnknownVersionOptions(query.VersionOptions);
        }

        IEnumerable<WorkflowDefinition> matches = await store.ListAsync(options, cancellationToken);
        if (query.DefinitionIds is { Length: > 0 } definitionIds)
        {
            matches = matches.Where(d => definitionIds.Contains(d.DefinitionId));
        }

        if (query.Ids is { Length: > 0 } ids)
        {
            matches = matches.Where(d => ids.Contains(d.Id));
        }

        if (query.SearchTerm is { Length: > 0 } term)
        {
            matches = matches.Where(d => (d.Name ?? "").Contains(term, StringComparison.OrdinalIgnoreCase)
                || (d.Description ?? "").Contains(term, StringComparison.OrdinalIgnoreCase) || d.DefinitionId.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var ordered = Order(matches, query.OrderBy, query.OrderDirection).ToList();

        var pageSize = Math.Clamp(query.PageSize ?? 50, 1, 500);
        var page = Math.Max(query.Page ?? 0, 0);
        var items = new JsonArray(ordered.Skip(page * pageSize).Take(pageSize).Select(d => (JsonNode)DefinitionModels.Summary(d)).ToArray());
        return TypedResults.Ok(new JsonObject { ["items"] = items, ["totalCount"] = ordered.Count, ["links"] = new JsonArray() });
    }

    private static async Task<Results<Ok<JsonArray>, NotFound>> VersionsAsync(string definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        return versions.Count == 0
            ? TypedResults.NotFound()
            : TypedResults.Ok(new JsonArray(versions.OrderByDescending(v => v.Version).Select(v => (JsonNode)DefinitionModels.Summary(v)).ToArray()));
    }

    private static async Task<Ok<JsonObject>> IsNameUniqueAsync(string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var taken = (await store.SummarizeAsync(cancellationToken))
            .Any(d => d.DefinitionId != definitionId && string.Equals(d.Name?.Trim(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return TypedResults.Ok(new JsonObject { ["isUnique"] = !taken });
    }

    private static IEnumerable<WorkflowDefinition> Order(IEnumerable<WorkflowDefinition> definitions, string? orderBy, string? direction)
    {
        var descending = string.Equals(direction, "Descending", StringComparison.OrdinalIgnoreCase);
        Func<WorkflowDefinition, IComparable?> key = orderBy?.ToLowerInvariant() switch
        {
            "version" => d => d.Version,
            "createdat" => d => d.CreatedAt,
            _ => d => d.Name ?? d.DefinitionId,
        };
        var ordered = descending ? definitions.OrderByDescending(key) : definitions.OrderBy(key);
        return ordered.ThenBy(d => d.DefinitionId, StringComparer.Ordinal).ThenByDescending(d => d.Version);
    }
}

/// <summary>The query string of <c>GET /workflow-definitions</c> (names as Elsa's client sends them; case does not matter).</summary>
internal sealed record DefinitionListQuery(
    string? VersionOptions,
    string[]? DefinitionIds,
    string[]? Ids,
    string? SearchTerm,
    int? Page,
    int? PageSize,
    string? OrderBy,
    string? OrderDirection);
