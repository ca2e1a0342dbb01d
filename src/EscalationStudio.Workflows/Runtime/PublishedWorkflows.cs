using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Materialization;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// The one registry of policies: the version of each definition that is live (published, its triggers indexed) plus
/// any version an instance is still pinned to. The studio makes versions live through
/// <see cref="WorkflowRuntime.GoLiveAsync"/> and reads what runs here. It also resolves workflows used as activities, with Elsa's lookup order
/// (version id, then type + version, then the type's latest version). Thread-safe; materialised graphs are cached
/// per version id and dropped when the version changes.
/// </summary>
public sealed class PublishedWorkflows : IWorkflowActivitySource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, WorkflowDefinition> _byVersionId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowGraph> _graphs = new(StringComparer.Ordinal);

    // Which version of each definition is published is tracked here rather than by flipping flags on the caller's
    // definition objects, which the studio's store may share.
    private readonly Dictionary<string, string> _publishedVersionIds = new(StringComparer.Ordinal);

    public void Add(WorkflowDefinition definition)
    {
        lock (_lock)
        {
            _byVersionId[definition.Id] = definition;
            _graphs.Clear();
        }
    }

    /// <summary>Registers a version as the published one of its definition.</summary>
    public void Publish(WorkflowDefinition definition)
    {
        lock (_lock)
        {
            _byVersionId[definition.Id] = definition;
            _publishedVersionIds[definition.DefinitionId] = definition.Id;
            // Parents resolve a workflow used as an activity by type name to its latest version: rebuild them all.
            _graphs.Clear();
        }
    }

    /// <summary>No version of the definition is published any more; the versions stay for pinned instances.</summary>
    public void Retract(string definitionId)
    {
        lock (_lock)
        {
            _publishedVersionIds.Remove(definitionId);
        }
    }

    public void Remove(string definitionVersionId)
    {
        lock (_lock)
        {
            _byVersionId.Remove(definitionVersionId);
            _graphs.Clear();
        }
    }

    public IReadOnlyList<WorkflowDefinition> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _byVersionId.Values];
            }
        }
    }

    public WorkflowDefinition? FindByVersionId(string definitionVersionId)
    {
        lock (_lock)
        {
            return _byVersionId.GetValueOrDefault(definitionVersionId);
        }
    }

    /// <summary>The live version of every published definition.</summary>
    public IReadOnlyList<WorkflowDefinition> Current
    {
        get
        {
            lock (_lock)
            {
                return [.. _publishedVersionIds.Values.Select(_byVersionId.GetValueOrDefault).OfType<WorkflowDefinition>()];
            }
        }
    }

    /// <summary>The live version of a definition; null when none is published.</summary>
    public WorkflowDefinition? FindPublished(string definitionId)
    {
        lock (_lock)
        {
            return _publishedVersionIds.TryGetValue(definitionId, out var id) ? _byVersionId.GetValueOrDefault(id) : null;
        }
    }

    /// <summary>The published version of a definition, else its latest.</summary>
    public WorkflowDefinition? FindByDefinitionId(string definitionId)
    {
        lock (_lock)
        {
            if (_publishedVersionIds.TryGetValue(definitionId, out var publishedId))
            {
                return _byVersionId.GetValueOrDefault(publishedId);
            }

            var versions = _byVersionId.Values.Where(d => d.DefinitionId == definitionId).ToList();
            return versions.Where(d => d.IsPublished).MaxBy(d => d.Version) ?? versions.MaxBy(d => d.Version);
        }
    }

    public WorkflowGraph GetGraph(WorkflowDefinition definition, WorkflowEngine engine)
    {
        lock (_lock)
        {
            if (_graphs.TryGetValue(definition.Id, out var cached) && ReferenceEquals(cached.Definition, definition))
            {
                return cached;
            }
        }

        var graph = engine.Materialize(definition, this);
        lock (_lock)
        {
            _graphs[definition.Id] = graph;
        }

        return graph;
    }

    /// <summary>Descriptors of the published definitions usable as activities, for the designer's toolbox.</summary>
    public IReadOnlyList<Descriptors.ActivityDescriptor> ActivityDescriptors
    {
        get
        {
            lock (_lock)
            {
                return _byVersionId.Values
                    .Where(d => d.Options.UsableAsActivity == true && (_publishedVersionIds.TryGetValue(d.DefinitionId, out var id) ? id == d.Id : d.IsPublished))
                    .GroupBy(d => d.DefinitionId)
                    .Select(g => Descriptors.WorkflowActivityDescriber.Describe(g.MaxBy(d => d.Version)!))
                    .ToList();
            }
        }
    }

    public WorkflowDefinition? FindActivityDefinition(string typeName, int? version, string? definitionVersionId)
    {
        lock (_lock)
        {
            var usable = _byVersionId.Values.Where(d => d.Options.UsableAsActivity == true).ToList();
            if (definitionVersionId is not null && usable.FirstOrDefault(d => d.Id == definitionVersionId) is { } exact)
            {
                return exact;
            }

            var ofType = usable.Where(d => ActivityTypeName.ForWorkflow(d.Name) == typeName).ToList();
            return ofType.FirstOrDefault(d => d.Version == version) ?? ofType.MaxBy(d => d.Version);
        }
    }
}
