using System.Collections.Concurrent;
using System.ComponentModel;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Flowcharts;

/// <summary>
/// Elsa's Flowchart with the counter-based scheduling of 3.5.3 (Flowchart.Counters.cs): connections are followed by
/// outcome name; an activity with several inbound connections is an implicit WaitAllActive join; dead paths are
/// propagated as visited-but-not-followed; loop edges re-schedule their target directly; the flowchart completes
/// when a terminal node completes or no work is left.
/// </summary>
[Activity("Elsa", "Flow", "A flowchart of activities connected by outcomes.")]
[Browsable(false)]
internal sealed class Flowchart : Activity, IVariableContainer
{
    internal const string ScopeProperty = "FlowScope";
    internal const string BackwardConnectionInput = "BackwardConnection";

    private readonly ConcurrentDictionary<string, FlowGraph> _graphs = new(StringComparer.Ordinal);
    private StartChoice? _defaultStart;

    public IReadOnlyList<Activity> Activities { get; internal set; } = [];
    public IReadOnlyList<Connection> Connections { get; internal set; } = [];
    public IReadOnlyList<VariableDefinition> Variables { get; internal set; } = [];

    protected internal override IEnumerable<Activity> GetChildren() => Activities;

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        VariableScopes.Declare(context, Variables);
        if (GetStartActivity(context) is { } start)
        {
            context.ScheduleActivity(start);
        }
        else
        {
            context.Complete();
        }

        return ValueTask.CompletedTask;
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        if (child.Activity is ITerminalNode)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        var graph = GetGraph(context);
        var scope = context.GetProperty(ScopeProperty, () => new FlowScope());
        var byBackwardConnection = child.Context.GetScheduleInput(BackwardConnectionInput) is true;
        var scheduled = ScheduleOutbound(graph, scope, context, child.Activity, child.Outcomes, byBackwardConnection);
        if (!scheduled)
        {
            CompleteIfNoPendingWork(context);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Elsa's start rule: the trigger, else the first Start, else the first canStartWorkflow, else the first root.</summary>
    internal Activity? GetStartActivity(ActivityExecutionContext context)
    {
        var triggerId = context.Execution.TriggerActivityId;
        var trigger = triggerId is null ? null : Activities.FirstOrDefault(a => a.Id == triggerId);
        return trigger ?? (_defaultStart ??= new StartChoice(DefaultStartActivity())).Activity;
    }

    private Activity? DefaultStartActivity() =>
        Activities.FirstOrDefault(a => a is Start)
        ?? Activities.FirstOrDefault(a => a.CanStartWorkflow)
        ?? Activities.FirstOrDefault(a => Connections.All(c => c.Target != a))
        ?? Activities.FirstOrDefault();

    private FlowGraph GetGraph(ActivityExecutionContext context)
    {
        var start = GetStartActivity(context);
        var key = start?.Id ?? "";
        return _graphs.TryGetValue(key, out var graph) ? graph : _graphs.GetOrAdd(key, _ => new FlowGraph(Connections, start));
    }

    /// <summary>The start without a trigger never changes, and the flowchart is shared by every instance: computed once.</summary>
    private sealed record StartChoice(Activity? Activity);

    private static void CompleteIfNoPendingWork(ActivityExecutionContext context)
    {
        if (!context.HasPendingWork())
        {
            context.Complete();
        }
    }

    /// <summary>Visits the outbound connections of a completed (or skipped) activity and schedules what is ready.</summary>
    private bool ScheduleOutbound(FlowGraph graph, FlowScope scope, ActivityExecutionContext context, Activity activity, Outcomes outcomes, bool byBackwardConnection)
    {
        if (graph.IsDangling(activity))
        {
            throw new InvalidOperationException($"Activity '{activity.Id}' is not reachable from the start of flowchart '{Id}'.");
        }

        if (!byBackwardConnection)
        {
            scope.RegisterActivityVisit(activity.Id);
        }

        var scheduled = false;
        var outbound = graph.Outbound(activity);
        for (var i = 0; i < outbound.Count; i++)
        {
            var connection = outbound[i];
            var followed = outcomes.Contains(connection.SourcePort);
            scope.RegisterConnectionVisit(connection, followed);
            scheduled |= graph.IsBackward(connection, out var isValid)
                ? ScheduleBackward(context, connection, followed, isValid)
                : ScheduleForward(graph, scope, context, connection);
        }

        return scheduled;
    }

    private bool ScheduleBackward(ActivityExecutionContext context, Connection connection, bool followed, bool isValid)
    {
        if (!followed)
        {
            return false;
        }

        if (!isValid)
        {
            throw new InvalidOperationException($"Invalid backward connection in flowchart '{Id}': every path from " +
                $"'{connection.Source.Id}' back to the start must pass through '{connection.Target.Id}'.");
        }

        context.ScheduleActivity(connection.Target, new ScheduleOptions { Input = new Dictionary<string, object?> { [BackwardConnectionInput] = true } });
        return true;
    }

    private bool ScheduleForward(FlowGraph graph, FlowScope scope, ActivityExecutionContext context, Connection connection)
    {
        var target = connection.Target;
        var inbound = graph.ForwardInbound(target);
        var mode = target is FlowJoin join ? context.Get(join.Mode) : FlowJoinMode.WaitAllActive;
        switch (mode)
        {
            case FlowJoinMode.WaitAll:
                if (!scope.AllInboundVisited(inbound, target.Id))
                {
                    return false;
                }

                return scope.AllInboundFollowed(inbound) ? Schedule(context, target) : Skip(graph, scope, context, target);
            case FlowJoinMode.WaitAny:
                if (scope.ShouldIgnore(connection, target.Id) || context.IsScheduled(target))
                {
                    return false;
                }

                if (scope.AnyInboundFollowed(inbound, target.Id))
                {
                    Schedule(context, target);
                    CancelInboundBranches(graph, scope, context, target);
                    return true;
                }

                return scope.AllInboundVisited(inbound, target.Id) && Skip(graph, scope, context, target);
            default:
                if (!scope.AllInboundVisited(inbound, target.Id))
                {
                    return false;
                }

                return scope.AnyInboundFollowed(inbound, target.Id) ? Schedule(context, target) : Skip(graph, scope, context, target);
        }
    }

    private static bool Schedule(ActivityExecutionContext context, Activity target)
    {
        context.ScheduleActivity(target);
        return true;
    }

    /// <summary>Dead-path elimination: the target does not run, but its outbound connections count as visited.</summary>
    private bool Skip(FlowGraph graph, FlowScope scope, ActivityExecutionContext context, Activity target) =>
        ScheduleOutbound(graph, scope, context, target, Outcomes.Empty, byBackwardConnection: false);

    /// <summary>WaitAny: the branches still running towards the join are cancelled and their paths marked dead.</summary>
    private void CancelInboundBranches(FlowGraph graph, FlowScope scope, ActivityExecutionContext context, Activity join)
    {
        var ancestors = graph.AncestorsOf(join);
        foreach (var branch in context.Children.Where(c => ancestors.Contains(c.Activity)).ToList())
        {
            context.CancelChild(branch);
            ScheduleOutbound(graph, scope, context, branch.Activity, Outcomes.Empty, byBackwardConnection: false);
        }
    }
}
