using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Materialization;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>
/// The descriptor of a definition usable as an activity (Elsa's WorkflowDefinitionActivityProvider): type = PascalCase
/// of its name, version = definition version, synthetic inputs/outputs from its inputs/outputs, one flow port per
/// custom outcome, and the definition ids in custom properties so Studio writes them onto the node.
/// </summary>
internal static class WorkflowActivityDescriber
{
    public static ActivityDescriptor Describe(WorkflowDefinition definition)
    {
        var typeName = ActivityTypeName.ForWorkflow(definition.Name);
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = "",
            Name = typeName,
            Version = definition.Version,
            Category = definition.Options.ActivityCategory ?? "Workflows",
            DisplayName = definition.Name ?? typeName,
            Description = definition.Description,
            Kind = ActivityKind.Action,
            Inputs = definition.Inputs.Select(i => new InputDescriptor
            {
                Name = i.Name,
                TypeName = i.Type,
                DisplayName = i.DisplayName ?? i.Name,
                Description = i.Description,
                Category = i.Category,
                UIHint = i.UiHint ?? UIHints.SingleLine,
                IsSynthetic = true,
                StorageDriverType = i.StorageDriverType,
            }).ToList(),
            Outputs = definition.Outputs.Select(o => new OutputDescriptor
            {
                Name = o.Name,
                TypeName = o.Type,
                DisplayName = o.DisplayName ?? o.Name,
                Description = o.Description,
                IsSynthetic = true,
            }).ToList(),
            Ports = definition.Outcomes.Select(o => new PortDescriptor(o, o, PortType.Flow)).ToList(),
            CustomProperties = new JsonObject
            {
                ["RootType"] = "WorkflowDefinitionActivity",
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
            },
            ConstructionProperties = new JsonObject
            {
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
                ["LatestAvailablePublishedVersion"] = definition.Version,
                ["LatestAvailablePublishedVersionId"] = definition.Id,
            },
        };
    }
}
