using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>
/// A definition version made executable: the implicit workflow root around the JSON root, every node by node id
/// (bookmarks and persisted contexts refer to nodes by it), and the nodes whose type is unknown.
/// </summary>
public sealed class WorkflowGraph
{
    internal WorkflowGraph(WorkflowDefinition definition, Activity root, IReadOnlyDictionary<string, Activity> nodes, IReadOnlyList<MaterializationProblem> problems)
    {
        Definition = definition;
        Root = root;
        Nodes = nodes;
        Problems = problems;
    }

    public WorkflowDefinition Definition { get; }
    public Activity Root { get; }
    public IReadOnlyDictionary<string, Activity> Nodes { get; }

    /// <summary>Why this version cannot be published (unknown activity types, unreadable inputs...). Empty when valid.</summary>
    public IReadOnlyList<MaterializationProblem> Problems { get; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>The same graph with the engine's own problems added to the materialiser's.</summary>
    internal WorkflowGraph WithProblems(IReadOnlyList<MaterializationProblem> problems) => new(Definition, Root, Nodes, problems);

    /// <summary>All nodes, depth first, including nested flowcharts and workflow-as-activity bodies.</summary>
    public IEnumerable<Activity> AllActivities => Nodes.Values;
}

/// <summary>A problem found while materialising a definition; names the activity so the author can find it.</summary>
public sealed record MaterializationProblem(string ActivityId, string ActivityType, string Message)
{
    public override string ToString() => $"activity '{ActivityId}' ({ActivityType}): {Message}";
}
