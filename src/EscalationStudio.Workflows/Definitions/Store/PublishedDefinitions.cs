using System.Collections.Immutable;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// The published version of every live policy. The runtime reads <see cref="Current"/> and re-indexes its triggers
/// on <see cref="Changed"/>, which fires after a publish, a retract, a delete, or a change in <c>workflows/</c>.
/// </summary>
public sealed class PublishedDefinitions
{
    private readonly Lock gate = new();
    private ImmutableDictionary<string, WorkflowDefinition> byDefinitionId = ImmutableDictionary<string, WorkflowDefinition>.Empty;

    public event EventHandler<PublishedDefinitionsChanged>? Changed;

    public IReadOnlyCollection<WorkflowDefinition> Current => byDefinitionId.Values.ToList();

    public WorkflowDefinition? Find(string definitionId) => byDefinitionId.GetValueOrDefault(definitionId);

    public void Set(WorkflowDefinition published)
    {
        // Whether a newer draft exists (isLatest) is no part of what runs: a version read back from the store after a
        // draft was saved must not count as a change.
        var live = published.Clone();
        live.IsLatest = true;
        lock (gate)
        {
            if (byDefinitionId.TryGetValue(published.DefinitionId, out var current) && DefinitionVersioning.SameContent(current, live))
                return;
            byDefinitionId = byDefinitionId.SetItem(published.DefinitionId, live);
        }
        Changed?.Invoke(this, new PublishedDefinitionsChanged([published.DefinitionId], []));
    }

    public void Remove(string definitionId)
    {
        lock (gate)
        {
            if (!byDefinitionId.ContainsKey(definitionId)) return;
            byDefinitionId = byDefinitionId.Remove(definitionId);
        }
        Changed?.Invoke(this, new PublishedDefinitionsChanged([], [definitionId]));
    }
}

/// <param name="Published">Definitions whose live version is new or changed.</param>
/// <param name="Removed">Definitions that are no longer live.</param>
public sealed record PublishedDefinitionsChanged(IReadOnlyList<string> Published, IReadOnlyList<string> Removed);
