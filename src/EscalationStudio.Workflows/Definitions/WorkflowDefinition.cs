using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>
/// One version of a workflow definition in Elsa 3's wire format. The root activity stays raw JSON here so that
/// whatever Elsa or Studio wrote (unknown activity types, designer metadata, explicit nulls) survives a round trip;
/// the engine materialises it when it needs to run it.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Version-specific id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Logical id shared by every version.</summary>
    public string DefinitionId { get; set; } = "";

    public string? TenantId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; } = 1;
    public string? ToolVersion { get; set; }
    public List<VariableDefinition> Variables { get; set; } = [];
    public List<InputDefinition> Inputs { get; set; } = [];
    public List<OutputDefinition> Outputs { get; set; } = [];
    public List<string> Outcomes { get; set; } = [];
    public JsonObject CustomProperties { get; set; } = [];
    public bool IsReadonly { get; set; }
    public bool IsSystem { get; set; }
    public bool IsLatest { get; set; } = true;
    public bool IsPublished { get; set; }
    public WorkflowOptions Options { get; set; } = new();

    /// <summary>The root activity, normally an <c>Elsa.Flowchart</c>, exactly as written.</summary>
    public JsonObject? Root { get; set; }

    /// <summary>
    /// The store's revision of this version when it was read; null for a version not stored yet. Not part of Elsa's
    /// format (a copy made with <see cref="Clone"/> is a new version): the store saves a version only while its row still
    /// has this revision, so of two nodes changing one definition at once the second is refused.
    /// </summary>
    public int? StoredRevision { get; set; }

    /// <summary>Top-level properties this model does not know; written back unchanged.</summary>
    public JsonObject Extra { get; set; } = [];

    public WorkflowDefinition Clone() => WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(this, includeSchema: false));
}
