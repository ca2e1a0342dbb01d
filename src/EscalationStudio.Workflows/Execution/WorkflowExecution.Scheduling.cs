using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;

namespace EscalationStudio.Workflows.Execution;

internal sealed partial class WorkflowExecution
{
    public void Schedule(WorkItem item) => _scheduler.AddLast(item);

    public IEnumerable<ActivityExecutionContext> ChildrenOf(ActivityExecutionContext parent) =>
        _contexts.Values.Where(c => c.Parent == parent && c.Status == ActivityStatus.Running);

    /// <summary>Elsa's HasPendingWork: a running child, or scheduled work owned by this context or a descendant.</summary>
    public bool HasPendingWork(ActivityExecutionContext context)
    {
        foreach (var candidate in _contexts.Values)
        {
            if (candidate.Parent == context && candidate.Status == ActivityStatus.Running)
            {
                return true;
            }
        }

        foreach (var item in _scheduler)
        {
            if (item.OwnerContextId is { } ownerId && _contexts.TryGetValue(ownerId, out var owner) && IsSelfOrDescendant(owner, context))
            {
                return true;
            }

            if (item.ResumeContextId is { } waitingId && _contexts.TryGetValue(waitingId, out var waiting) && IsSelfOrDescendant(waiting, context) && waiting != context)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsScheduled(ActivityExecutionContext owner, Activity activity)
    {
        foreach (var item in _scheduler)
        {
            if (item.OwnerContextId == owner.Id && item.ResumeContextId is null && ReferenceEquals(item.Activity, activity))
            {
                return true;
            }
        }

        return false;
    }

    public void Cancel(ActivityExecutionContext context)
    {
        if (context.Status != ActivityStatus.Running)
        {
            return;
        }

        CancelDescendants(context);
        context.Status = ActivityStatus.Canceled;
        _contexts.Remove(context.Id);
        _bookmarks.RemoveAll(b => b.ActivityInstanceId == context.Id);
        RemoveWorkOf(new HashSet<string>(StringComparer.Ordinal) { context.Id });
    }

    private void CancelDescendants(ActivityExecutionContext ancestor)
    {
        var descendants = _contexts.Values.Where(c => c != ancestor && IsSelfOrDescendant(c, ancestor)).ToList();
        var ids = new HashSet<string>(descendants.Select(d => d.Id)) { ancestor.Id };
        foreach (var descendant in descendants)
        {
            descendant.Status = ActivityStatus.Canceled;
            _contexts.Remove(descendant.Id);
        }

        if (descendants.Count > 0)
        {
            _bookmarks.RemoveAll(b => ids.Contains(b.ActivityInstanceId) && b.ActivityInstanceId != ancestor.Id);
        }

        RemoveWorkOf(ids);
    }

    private void RemoveWorkOf(IReadOnlySet<string> contextIds)
    {
        for (var node = _scheduler.First; node is not null;)
        {
            var next = node.Next;
            var item = node.Value;
            if ((item.OwnerContextId is { } owner && contextIds.Contains(owner)) || (item.ResumeContextId is { } waiting && contextIds.Contains(waiting)))
            {
                _scheduler.Remove(node);
            }

            node = next;
        }
    }

    private static bool IsSelfOrDescendant(ActivityExecutionContext context, ActivityExecutionContext ancestor)
    {
        for (var current = context; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    public Bookmark AddBookmark(ActivityExecutionContext context, BookmarkOptions options)
    {
        var bookmark = new Bookmark
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = options.StimulusName,
            Hash = StimulusHasher.Hash(options.StimulusName, options.Payload, options.IncludeActivityInstanceId ? context.Id : null),
            Payload = StimulusHasher.ToPayloadJson(options.Payload),
            ActivityId = context.Activity.Id,
            ActivityNodeId = context.Activity.NodeId,
            ActivityInstanceId = context.Id,
            CreatedAt = Environment.TimeProvider.GetUtcNow(),
            DueAt = options.DueAt,
            AutoBurn = options.AutoBurn,
            Metadata = options.Metadata,
        };
        _bookmarks.Add(bookmark);
        return bookmark;
    }

    /// <summary>
    /// Writes an output to its memory reference: a variable with that id (or name) in scope, else the output of the
    /// nearest workflow definition that declares an output with that name (Elsa binds outputs to either).
    /// </summary>
    public void WriteMemory(ActivityExecutionContext context, string memoryReferenceId, object? value)
    {
        if (context.FindVariable(memoryReferenceId) is { } variable)
        {
            variable.Set(value);
            return;
        }

        for (var current = context; current is not null; current = current.Parent)
        {
            if (current.Scope?.OutputName(memoryReferenceId) is { } output)
            {
                current.Scope.Outputs[output] = value;
                return;
            }
        }
    }

    internal void Restore(ActivityExecutionContext context, bool isRoot)
    {
        _contexts.Add(context.Id, context);
        if (isRoot)
        {
            Root = context;
        }
    }

    internal void RestoreBookmark(Bookmark bookmark) => _bookmarks.Add(bookmark);

    internal void RestoreIncident(ActivityIncident incident) => _incidents.Add(incident);
}
