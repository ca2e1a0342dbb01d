using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>
/// <c>POST /workflow-definitions</c>: the designer's auto-save, Save and Publish (with <c>publish: true</c>). A refused
/// publish answers 400 problem+json with the messages under <c>errors.root</c>, which the designer shows.
/// </summary>
internal static class SaveEndpoint
{
    public static void MapDefinitionSave(this RouteGroupBuilder definitions) =>
        definitions.MapPost("/", SaveAsync)
            .WithName("ElsaSaveDefinition").WithSummary("Saves a draft, or publishes it when publish is true.");

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        SaveDefinitionRequest request, DefinitionEditor editor, ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken)
    {
        // The request's own shape (a model, its name and root) was checked by the API's validation filter.
        WorkflowDefinition model;
        try
        {
            model = DefinitionModels.Read(request.Model!);
            if (services.GetService<Workflows.Runtime.WorkflowEngine>() is { } engine)
            {
                Policies.Designer.SavedPolicyDefaults.Complete(model, engine.Registry);
            }
        }
        catch (WorkflowDefinitionFormatException e)
        {
            return Problem.Field(e.Field ?? "model", e.Message);
        }

        try
        {
            var saved = await editor.SaveAsync(model, request.Publish ?? false, cancellationToken, HistoryEndpoints.Author(user));
            var response = Response(saved, user);
            if (request.Publish == true)
            {
                // Published, but the manager is told which live policies react to the same events and move tickets too.
                response["warnings"] = HistoryEndpoints.ClashWarnings(saved.Definition, services);
            }

            return TypedResults.Ok(response);
        }
        catch (WorkflowDefinitionFormatException e)
        {
            return Problem.Field(e.Field is null ? "model" : $"model.{e.Field}", e.Message);
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

    public static JsonObject Response(SaveOutcome saved, ClaimsPrincipal user) => new()
    {
        ["workflowDefinition"] = DefinitionModels.Full(saved.Definition, user),
        ["alreadyPublished"] = saved.AlreadyPublished,
        ["consumingWorkflowCount"] = 0,
    };
}

/// <summary>The body Elsa Studio posts: the whole definition and whether to publish it.</summary>
internal sealed record SaveDefinitionRequest(JsonObject? Model, bool? Publish);

internal sealed class SaveDefinitionRequestValidator : AbstractValidator<SaveDefinitionRequest>
{
    public SaveDefinitionRequestValidator()
    {
        RuleFor(r => r.Model).NotNull().WithMessage("the request needs a model (the workflow definition)");
        RuleFor(r => r.Model!["name"]).Must(name => name is null || name is JsonValue && name.ToString().Length <= DefinitionLimits.NameLength)
            .When(r => r.Model is not null).OverridePropertyName("model.name").WithMessage($"the name must be text of at most {DefinitionLimits.NameLength} characters");
        RuleFor(r => r.Model!["root"]).Must(root => root is null or JsonObject)
            .When(r => r.Model is not null).OverridePropertyName("model.root").WithMessage("the root must be an activity object");
    }
}

internal static class Problem
{
    public static ValidationProblem PublishRefused(PublishRefusedException e) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["root"] = e.Errors.ToArray() }, title: "The policy cannot be published");

    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The workflow definition is not valid");

    /// <summary>The server's own failure, not the request's: said plainly, since the designer shows it.</summary>
    public static ProblemHttpResult FileNotWritten(Exception e) =>
        TypedResults.Problem(
            title: "The policy file could not be written",
            detail: $"Nothing was published; an edit sent with it is kept as the draft. {e.Message}",
            statusCode: StatusCodes.Status500InternalServerError);

    public static ValidationProblem UnknownVersionOptions(string? versionOptions) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]>
            {
                ["versionOptions"] =
                [
                    $"'{versionOptions}' is not one of Latest, Published, LatestOrPublished, LatestAndPublished, Draft, " +
                    "AllVersions or a version number",
                ],
            },
            title: "The request has invalid fields");
}
