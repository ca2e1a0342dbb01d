using System.Security.Claims;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Studio;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>Definitions as the Elsa API client reads them (Elsa.Api.Client's WorkflowDefinition and its summary).</summary>
internal static class DefinitionModels
{
    /// <summary>Fields the server owns; a model posted back by the designer echoes them and they must not be stored.</summary>
    private static readonly string[] ServerOwned = ["links", "materializerName", "materializerContext", "providerName", "isMaterializerAvailable", "originalSource"];

    /// <summary>
    /// The full definition. The editor is read-only unless the definition is the latest and carries a link with
    /// rel "publish", so the link is what separates people who may edit from those who may only look.
    /// </summary>
    public static JsonObject Full(WorkflowDefinition definition, ClaimsPrincipal user)
    {
        var json = WorkflowDefinitionJson.ToJson(definition, includeSchema: false);
        json["materializerName"] = "Json";
        json["links"] = Links(definition, user);
        if (json["root"] is JsonObject root)
        {
            NodeIds.Assign(root);
        }

        return json;
    }

    public static JsonObject Summary(WorkflowDefinition definition) => new()
    {
        ["id"] = definition.Id,
        ["definitionId"] = definition.DefinitionId,
        ["name"] = definition.Name,
        ["description"] = definition.Description,
        ["version"] = definition.Version,
        ["toolVersion"] = definition.ToolVersion,
        ["isLatest"] = definition.IsLatest,
        ["isPublished"] = definition.IsPublished,
        ["isReadonly"] = definition.IsReadonly,
        ["isSystem"] = definition.IsSystem,
        ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true,
        ["createdAt"] = definition.CreatedAt.ToString("O"),
        // Ours, beside Elsa's fields (the client ignores them): the history shows who changed what and when.
        ["state"] = HistoryEndpoints.StateOf(definition),
        ["changedBy"] = Workflows.Definitions.Store.DefinitionStamps.Author(definition),
        ["links"] = new JsonArray(),
    };

    /// <summary>Reads a posted model; throws <see cref="WorkflowDefinitionFormatException"/> naming the bad field.</summary>
    public static WorkflowDefinition Read(JsonObject model)
    {
        var definition = WorkflowDefinitionJson.FromJson(model);
        foreach (var field in ServerOwned)
        {
            definition.Extra.Remove(field);
        }

        return definition;
    }

    private static JsonArray Links(WorkflowDefinition definition, ClaimsPrincipal user)
    {
        if (!StudioAuthentication.MayEdit(user))
        {
            return [];
        }

        var id = Uri.EscapeDataString(definition.DefinitionId);
        return
        [
            new JsonObject { ["href"] = $"/workflow-definitions/{id}/publish", ["rel"] = "publish", ["method"] = "POST" },
            new JsonObject { ["href"] = $"/workflow-definitions/{id}/retract", ["rel"] = "retract", ["method"] = "POST" },
            new JsonObject { ["href"] = $"/workflow-definitions/{id}", ["rel"] = "delete", ["method"] = "DELETE" },
        ];
    }
}
