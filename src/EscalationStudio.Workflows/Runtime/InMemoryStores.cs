using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>Instances in memory, kept as serialised JSON so nothing is shared with a running execution.</summary>
public sealed class InMemoryWorkflowInstanceStore : IWorkflowInstanceStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _instances = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default)
    {
        _instances[state.Id] = WorkflowStateJson.Serialize(state);
        return ValueTask.CompletedTask;
    }

    public ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_instances.TryGetValue(instanceId, out var json) ? WorkflowStateJson.Deserialize(json) : null);

    public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<WorkflowInstanceSummary>>(_instances.Values
            .Select(json => WorkflowInstanceSummary.Of(WorkflowStateJson.Deserialize(json)))
            .Where(i => (query.DefinitionId is null || i.DefinitionId == query.DefinitionId)
                        && (query.CorrelationId is null || i.CorrelationId == query.CorrelationId)
                        && (query.SubStatus is null || i.SubStatus == query.SubStatus))
            .OrderByDescending(i => i.UpdatedAt)
            .Skip(query.Skip)
            .Take(query.Take)
            .ToList());
}

public sealed class InMemoryBookmarkStore : IBookmarkStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredBookmark> _bookmarks = [];

    public ValueTask ReplaceAsync(string workflowInstanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _bookmarks.RemoveAll(b => b.WorkflowInstanceId == workflowInstanceId);
            _bookmarks.AddRange(bookmarks);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<StoredBookmark>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        Query(b => b.Bookmark.Hash == hash);

    public ValueTask<IReadOnlyList<StoredBookmark>> FindByHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        var wanted = hashes.ToHashSet(StringComparer.Ordinal);
        return Query(b => wanted.Contains(b.Bookmark.Hash));
    }

    public ValueTask<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_bookmarks.FirstOrDefault(b => b.Bookmark.Id == bookmarkId));
        }
    }

    public ValueTask<IReadOnlyList<StoredBookmark>> ListDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Query(b => b.Bookmark.DueAt <= until);

    private ValueTask<IReadOnlyList<StoredBookmark>> Query(Func<StoredBookmark, bool> predicate)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredBookmark>>(_bookmarks.Where(predicate).ToList());
        }
    }
}

public sealed class InMemoryTriggerStore : ITriggerStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredTrigger> _triggers = [];

    // The list answered until the triggers are replaced: a runtime on a virtual clock (a replay) re-reads the store
    // every few seconds of its time, and a new list each time made the dispatcher parse every trigger rule again.
    private IReadOnlyList<StoredTrigger> _snapshot = [];

    public ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _triggers.RemoveAll(t => t.WorkflowDefinitionId == workflowDefinitionId);
            _triggers.AddRange(triggers);
            _snapshot = [.. _triggers];
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<StoredTrigger>> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredTrigger>>(_triggers.Where(t => t.Trigger.Hash == hash).ToList());
        }
    }

    public ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_snapshot);
        }
    }
}

internal sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly Lock _lock = new();
    private readonly List<(string InstanceId, ActivityIncident Incident)> _incidents = [];

    public ValueTask AddAsync(string workflowInstanceId, IReadOnlyList<ActivityIncident> incidents, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _incidents.AddRange(incidents.Select(i => (workflowInstanceId, i)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ActivityIncident>> ListAsync(string workflowInstanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<ActivityIncident>>(_incidents.Where(i => i.InstanceId == workflowInstanceId).Select(i => i.Incident).ToList());
        }
    }
}
