using System.Text.Json.Nodes;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Naming;

/// <summary>
/// Turns the ids ticket events record (<c>policy:high-value-customers</c>, activity <c>f414399194ae6e81</c>) into the
/// names a manager gave them, from the policies the runtime holds (the live version and any version instances are
/// pinned to). An id nobody knows any more is shown as it is.
/// </summary>
public sealed class PolicyNames(PublishedWorkflows policies, WorkflowEngine engine)
{
    /// <summary>The policy's name, else its id.</summary>
    public string Policy(string definitionId) =>
        policies.FindByDefinitionId(definitionId)?.Name is { Length: > 0 } name ? name : definitionId;

    /// <summary>A policy actor by its policy's name; anyone else as the timeline writes them (<c>agent:ana.kovac</c>).</summary>
    public string Actor(Actor actor) => actor.Kind == ActorKind.Policy ? Policy(actor.Id) : actor.ToString();

    /// <summary>The step's readable name in the version that decided (or the live one), else its id.</summary>
    public string Step(string definitionId, int? version, string activityId)
    {
        var definition = (version is { } v ? policies.All.FirstOrDefault(d => d.DefinitionId == definitionId && d.Version == v) : null)
            ?? policies.FindByDefinitionId(definitionId);
        return definition is null ? activityId : Step(definition, activityId) ?? activityId;
    }

    /// <summary>The readable name of every step of a definition, by activity id.</summary>
    public IReadOnlyDictionary<string, string> Steps(WorkflowDefinition definition) =>
        StepNames.Activities(definition.Root)
            .Where(a => a["id"] is JsonValue)
            .GroupBy(a => a["id"]!.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Readable(g.First()), StringComparer.Ordinal);

    private string? Step(WorkflowDefinition definition, string activityId) =>
        StepNames.Activities(definition.Root).FirstOrDefault(a => a["id"]?.ToString() == activityId) is { } activity ? Readable(activity) : null;

    private string Readable(JsonObject activity)
    {
        var type = activity["type"]?.ToString() ?? "";
        var version = activity["version"] is JsonValue value && value.TryGetValue<int>(out var v) ? v : (int?)null;
        return StepNames.Readable(activity["name"]?.ToString(), type, engine.Registry.Find(type, version)?.Descriptor);
    }
}
