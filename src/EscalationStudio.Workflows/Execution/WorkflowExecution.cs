using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Materialization;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Execution;

/// <summary>
/// A workflow instance while it runs in memory: its scheduler, the tree of running activity contexts, bookmarks
/// and incidents. It runs until the scheduler is empty, then reports Finished (the root completed), Suspended
/// (waiting on bookmarks) or Faulted. <see cref="State.WorkflowStateMapper"/> turns it into a persisted
/// <see cref="State.WorkflowState"/> and back.
/// </summary>
internal sealed partial class WorkflowExecution(ExecutionEnvironment environment, WorkflowGraph graph, string instanceId)
{
    private readonly Dictionary<string, ActivityExecutionContext> _contexts = new(StringComparer.Ordinal);
    private readonly LinkedList<WorkItem> _scheduler = new();
    private readonly List<Bookmark> _bookmarks = [];
    private readonly List<ActivityIncident> _incidents = [];
    private readonly List<string> _completedActivityIds = [];

    public ExecutionEnvironment Environment { get; } = environment;
    public WorkflowGraph Graph { get; } = graph;
    public string InstanceId { get; } = instanceId;
    public string? CorrelationId { get; set; }
    public Dictionary<string, object?> Input { get; } = new(StringComparer.OrdinalIgnoreCase);
    public JsonObject Properties { get; set; } = [];
    public string? TriggerActivityId { get; set; }

    /// <summary>True until the trigger activity of a triggered run has executed.</summary>
    public bool TriggerPending { get; set; }

    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Pending;
    public WorkflowStatus Status => WorkflowStatusRules.MainStatusOf(SubStatus);
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long ContextSequence { get; set; }
    public object? LastResult { get; set; }

    public ActivityExecutionContext Root { get; private set; } = null!;

    public IReadOnlyDictionary<string, object?> Output => Root?.Scope?.Outputs ?? new Dictionary<string, object?>();
    public IReadOnlyCollection<ActivityExecutionContext> Contexts => _contexts.Values;
    public IReadOnlyList<Bookmark> Bookmarks => _bookmarks;
    public IReadOnlyList<ActivityIncident> Incidents => _incidents;
    public IEnumerable<WorkItem> ScheduledWork => _scheduler;

    /// <summary>Activity ids completed during this run, in order (the journal's "Completed" entries).</summary>
    public IReadOnlyList<string> CompletedActivityIds => _completedActivityIds;

    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        CreatedAt = UpdatedAt = Environment.TimeProvider.GetUtcNow();
        TriggerPending = TriggerActivityId is not null;
        Schedule(new WorkItem(Graph.Root, null, ScheduleOptions.None));
        return RunAsync(cancellationToken);
    }

    public ValueTask ResumeAsync(Bookmark bookmark, object? input, CancellationToken cancellationToken)
    {
        if (Status == WorkflowStatus.Finished)
        {
            throw new InvalidOperationException($"Instance {InstanceId} is finished; a finished instance cannot be resumed.");
        }

        if (!_contexts.ContainsKey(bookmark.ActivityInstanceId))
        {
            throw new InvalidOperationException($"Bookmark {bookmark.Id} does not belong to a waiting activity of instance {InstanceId}.");
        }

        if (bookmark.AutoBurn)
        {
            _bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        }

        _scheduler.AddFirst(new WorkItem(Graph.Nodes[bookmark.ActivityNodeId], null, ScheduleOptions.None)
        {
            ResumeContextId = bookmark.ActivityInstanceId,
            Bookmark = bookmark,
            ResumeInput = input,
        });
        return RunAsync(cancellationToken);
    }

    /// <summary>Cancels the whole instance (Elsa's Cancel): no more work, no bookmarks, sub-status Cancelled.</summary>
    public void CancelInstance()
    {
        if (Status == WorkflowStatus.Finished)
        {
            throw new InvalidOperationException($"Instance {InstanceId} is already finished ({SubStatus}).");
        }

        _scheduler.Clear();
        _bookmarks.Clear();
        foreach (var context in _contexts.Values.Where(c => c != Root).ToList())
        {
            context.Status = ActivityStatus.Canceled;
            _contexts.Remove(context.Id);
        }

        Root.Status = ActivityStatus.Canceled;
        SubStatus = WorkflowSubStatus.Cancelled;
        FinishedAt = UpdatedAt = Environment.TimeProvider.GetUtcNow();
    }

    private async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        SubStatus = WorkflowSubStatus.Executing;
        var executed = 0;
        while (_scheduler.First is { } next)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _scheduler.RemoveFirst();
            if (++executed > Environment.MaxActivityExecutionsPerRun)
            {
                FaultEndlessRun(next.Value);
                break;
            }

            await ExecuteAsync(next.Value);
            if (SubStatus != WorkflowSubStatus.Executing)
            {
                break;
            }
        }

        var now = Environment.TimeProvider.GetUtcNow();
        if (SubStatus == WorkflowSubStatus.Executing)
        {
            SubStatus = Root.Status == ActivityStatus.Completed ? WorkflowSubStatus.Finished : WorkflowSubStatus.Suspended;
        }

        if (Status == WorkflowStatus.Finished)
        {
            FinishedAt ??= now;
        }

        UpdatedAt = now;
    }

    private async ValueTask ExecuteAsync(WorkItem item)
    {
        if (item.ResumeContextId is { } waitingId)
        {
            if (!_contexts.TryGetValue(waitingId, out var waiting) || waiting.Status != ActivityStatus.Running)
            {
                return;
            }

            await InvokeAsync(waiting, Callback.Resume, item.Bookmark, item.ResumeInput);
            return;
        }

        ActivityExecutionContext? owner = null;
        if (item.OwnerContextId is { } ownerId && (!_contexts.TryGetValue(ownerId, out owner) || owner.Status != ActivityStatus.Running))
        {
            return;
        }

        var context = new ActivityExecutionContext(this, NextContextId(), item.Activity, owner, item.Options);
        _contexts.Add(context.Id, context);
        if (owner is null)
        {
            Root = context;
        }

        await InvokeAsync(context, Callback.Execute);
        if (item.Activity.Id == TriggerActivityId)
        {
            TriggerPending = false;
        }
    }

    private enum Callback
    {
        Execute,
        Resume,
        ChildCompleted,
    }

    /// <summary>Calls into an activity, then applies what it asked for: fault, finish, or completion.</summary>
    private async ValueTask InvokeAsync(
        ActivityExecutionContext context,
        Callback callback,
        Bookmark? bookmark = null,
        object? resumeInput = null,
        ChildCompletion? child = null)
    {
        context.ResetTransientState();
        context.ResumedBookmark = bookmark;
        context.ResumeInput = resumeInput;
        try
        {
            await (callback switch
            {
                Callback.Execute => context.Activity.ExecuteAsync(context),
                Callback.Resume => context.Activity.ResumeAsync(context),
                _ => context.Activity.OnChildCompletedAsync(context, child!),
            });
        }
        catch (Exception e) when (RunFaults.IsTheRunsOwn(e))
        {
            // A database that is away is not the activity's fault: faulting here would save the instance as faulted and
            // let the stimulus count as handled, losing e.g. the escalation whose commit failed. It leaves the run.
            Fault(context, e);
            return;
        }

        if (context.FinishRequested)
        {
            Finish(context);
            return;
        }

        var outcomes = context.PendingCompletion;
        // Like Elsa's CodeActivity: an execution that neither completed, waited nor scheduled children is done.
        if (outcomes is null && callback == Callback.Execute && context.BookmarksCreated == 0 && context.ChildrenScheduled == 0)
        {
            outcomes = Outcomes.Done;
        }

        if (outcomes is not null)
        {
            await CompleteAsync(context, outcomes);
        }
    }

    private async ValueTask CompleteAsync(ActivityExecutionContext context, Outcomes outcomes)
    {
        if (context.Status != ActivityStatus.Running)
        {
            return;
        }

        try
        {
            context.Activity.OnCompleting(context);
        }
        catch (Exception e) when (RunFaults.IsTheRunsOwn(e))
        {
            Fault(context, e);
            return;
        }

        CancelDescendants(context);
        context.Status = ActivityStatus.Completed;
        _bookmarks.RemoveAll(b => b.ActivityInstanceId == context.Id);
        _completedActivityIds.Add(context.Activity.Id);
        if (context != Root)
        {
            _contexts.Remove(context.Id);
        }

        // Elsa.Complete ends its enclosing definition at once; its own flowchart is not told to continue.
        if (context.PendingScopeCompletion is var (scopeContext, scopeOutcomes))
        {
            await CompleteAsync(scopeContext, scopeOutcomes);
            return;
        }

        if (context.Parent is not { Status: ActivityStatus.Running } parent)
        {
            return;
        }

        await InvokeAsync(parent, Callback.ChildCompleted, child: new ChildCompletion(context, outcomes));
    }

    /// <summary>Elsa's FaultStrategy: the instance faults and records an incident; its state is kept intact.</summary>
    private void Fault(ActivityExecutionContext context, Exception exception)
    {
        context.Status = ActivityStatus.Faulted;
        var activity = context.Activity;
        _incidents.Add(new ActivityIncident(activity.Id, activity.NodeId, activity.Type, exception.Message,
            exception.GetType().FullName, Environment.TimeProvider.GetUtcNow()));
        SubStatus = WorkflowSubStatus.Faulted;
        _scheduler.Clear();
    }

    private void FaultEndlessRun(WorkItem item)
    {
        var owner = item.OwnerContextId is { } id && _contexts.TryGetValue(id, out var context) ? context : Root;
        Fault(owner, new InvalidOperationException(
            $"The run executed more than {Environment.MaxActivityExecutionsPerRun} activities without waiting; activity '{item.Activity.Id}' is probably in a loop without an exit."));
    }

    /// <summary>Elsa.Finish: clears scheduled work and bookmarks; the instance ends Finished.</summary>
    private void Finish(ActivityExecutionContext finisher)
    {
        _completedActivityIds.Add(finisher.Activity.Id);
        _scheduler.Clear();
        _bookmarks.Clear();
        foreach (var context in _contexts.Values.Where(c => c != Root).ToList())
        {
            context.Status = ActivityStatus.Canceled;
            _contexts.Remove(context.Id);
        }

        Root.Status = ActivityStatus.Completed;
        SubStatus = WorkflowSubStatus.Finished;
    }

    private string NextContextId() => $"{InstanceId}:{++ContextSequence}";
}
