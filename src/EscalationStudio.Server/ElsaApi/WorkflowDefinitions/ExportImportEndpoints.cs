using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// Export and import in Elsa 3's file format: a file exported here imports into Elsa 3 and the other way round.
/// </summary>
internal static class ExportImportEndpoints
{
    public static void MapDefinitionExport(this RouteGroupBuilder definitions) =>
        definitions.MapMethods("/{definitionId}/export", [HttpMethods.Get, HttpMethods.Post], ExportAsync)
            .WithName("ElsaExportDefinition").WithSummary("Downloads a version as workflow-definition-<name>.json ($schema first).");

    public static void MapDefinitionImport(this RouteGroupBuilder definitions)
    {
        definitions.MapMethods("/import", [HttpMethods.Post, HttpMethods.Put], (HttpRequest request, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken ct) =>
                ImportAsync(null, request, editor, user, ct))
            .WithName("ElsaImportDefinition").WithSummary("Imports an Elsa 3 definition: the next draft of the same definitionId, or a new one.");
        definitions.MapMethods("/{definitionId}/import", [HttpMethods.Post, HttpMethods.Put], ImportAsync)
            .WithName("ElsaImportDefinitionInto").WithSummary("Imports an Elsa 3 definition as the next version of this definition.");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportAsync(
        string definitionId, string? versionOptions, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions, out var options))
        {
            return Problem.UnknownVersionOptions(versionOptions);
        }

        var definition = (await store.ListVersionsAsync(definitionId, cancellationToken)).Where(options.Matches).MaxBy(v => v.Version);
        if (definition is null)
        {
            return TypedResults.NotFound();
        }

        var name = PolicyFileName.Kebab(definition.Name) is { Length: > 0 } kebab ? kebab : PolicyFileName.Kebab(definition.DefinitionId);
        var bytes = Encoding.UTF8.GetBytes(WorkflowDefinitionJson.Write(definition, includeSchema: true));
        return TypedResults.File(bytes, "application/json", $"workflow-definition-{name}.json");
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string? definitionId, HttpRequest request, DefinitionEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject
                ?? throw new JsonException("the body must be a JSON object");
        }
        catch (JsonException e)
        {
            return Problem.Field("body", $"not a workflow definition file ({e.Message})");
        }

        // Its strings are read lazily: a lone surrogate, invalid UTF-8, a NUL or a duplicate name is refused here, by path.
        if (JsonText.FindUnstorable(body, "") is { } unstorable)
        {
            return Problem.Field(unstorable.Path.Length == 0 ? "body" : unstorable.Path, unstorable.Problem);
        }

        // Elsa's own endpoint takes the exported model itself; a {model, publish} wrapper is accepted too.
        var (modelJson, publish) = body["model"] is JsonObject wrapped
            ? (wrapped, body["publish"] is JsonValue flag && flag.TryGetValue<bool>(out var p) ? p : (bool?)null)
            : (body, null);
        try
        {
            var model = DefinitionModels.Read(modelJson);
            if (definitionId is not null)
            {
                model.DefinitionId = definitionId;
            }

            var saved = await editor.ImportAsync(model, publish, cancellationToken);
            return TypedResults.Ok(DefinitionModels.Full(saved.Definition, user));
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
}
