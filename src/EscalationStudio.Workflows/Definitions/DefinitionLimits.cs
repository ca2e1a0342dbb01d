using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>
/// What every definition obeys wherever it enters: saved or imported in Studio, published, or read from
/// <c>workflows/</c>. One limit, checked in each of those places by <see cref="Check"/>.
/// </summary>
public static class DefinitionLimits
{
    /// <summary>
    /// A name becomes the policy's file name (<see cref="Files.PolicyFileName"/>) and a download's header; the
    /// database column holds 300.
    /// </summary>
    public const int NameLength = 200;

    /// <summary>Ids are columns of 100 characters, and definition ids appear in URLs and file names.</summary>
    public const int IdLength = 100;

    /// <summary>Refuses a definition over a limit or holding text that cannot be stored, naming the field.</summary>
    /// <exception cref="WorkflowDefinitionFormatException">The first field that breaks a rule.</exception>
    public static void Check(WorkflowDefinition definition)
    {
        Length(definition.Name, NameLength, "name");
        Length(definition.DefinitionId, IdLength, "definitionId");
        Length(definition.Id, IdLength, "id");
        foreach (var (field, text) in new[]
        {
            ("name", definition.Name), ("description", definition.Description), ("definitionId", definition.DefinitionId),
            ("id", definition.Id), ("tenantId", definition.TenantId), ("toolVersion", definition.ToolVersion),
        })
        {
            if (JsonText.Unstorable(text) is { } problem)
            {
                throw new WorkflowDefinitionFormatException(problem, field);
            }
        }

        // The typed parts came from JSON and go back to it; the raw parts are checked as they are.
        var parts = new (string Field, JsonNode? Node)[]
        {
            ("root", definition.Root),
            ("customProperties", definition.CustomProperties),
            ("variables", JsonSerializer.SerializeToNode(definition.Variables, WorkflowDefinitionJson.SerializerOptions)),
            ("inputs", JsonSerializer.SerializeToNode(definition.Inputs, WorkflowDefinitionJson.SerializerOptions)),
            ("outputs", JsonSerializer.SerializeToNode(definition.Outputs, WorkflowDefinitionJson.SerializerOptions)),
            ("outcomes", JsonSerializer.SerializeToNode(definition.Outcomes, WorkflowDefinitionJson.SerializerOptions)),
            ("", definition.Extra),
        };
        foreach (var (field, node) in parts)
        {
            if (JsonText.FindUnstorable(node, field) is { } found)
            {
                throw new WorkflowDefinitionFormatException(found.Problem, found.Path.Length == 0 ? "model" : found.Path);
            }
        }
    }

    private static void Length(string? text, int limit, string field)
    {
        if (text is not null && text.Length > limit)
        {
            throw new WorkflowDefinitionFormatException($"must be at most {limit} characters (it has {text.Length:N0})", field);
        }
    }
}
