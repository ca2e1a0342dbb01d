using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions;
using EscalationStudio.Workflows.Expressions.CSharp;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Materialization;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Runs workflow instances in-process: start a materialised definition, resume a saved state at a bookmark, list
/// the triggers a published version indexes. It holds no instances itself; <see cref="WorkflowRuntime"/> adds the
/// stores, stimulus matching and per-instance locking. Thread-safe.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly ExecutionEnvironment _environment;

    internal WorkflowEngine(ActivityRegistry registry, ScriptLimits scriptLimits, int maxActivityExecutionsPerRun, IServiceProvider services, TimeProvider timeProvider)
    {
        Registry = registry;
        ScriptLimits = scriptLimits;
        _environment = new ExecutionEnvironment(services, timeProvider, new ExpressionEvaluator(scriptLimits), registry, maxActivityExecutionsPerRun);
    }

    public ActivityRegistry Registry { get; }

    /// <summary>The limits every script of this engine runs under; the designer's test runs use the same.</summary>
    public ScriptLimits ScriptLimits { get; }

    public TimeProvider TimeProvider => _environment.TimeProvider;

    public WorkflowGraph Materialize(WorkflowDefinition definition, IWorkflowActivitySource? workflowActivities = null)
    {
        var graph = new WorkflowMaterializer(Registry, workflowActivities ?? NoWorkflowActivities.Instance).Materialize(definition);
        var csharp = CSharpOf(graph).ToList();
        if (!ScriptLimits.AllowCSharp)
        {
            // Refused when the version loads (publish names each activity), not when a ticket reaches the step.
            var refused = csharp.Select(c => c.Activity).Distinct()
                .Select(a => new MaterializationProblem(a.Id, a.Type, CSharpEvaluator.TurnedOff));
            return csharp.Count == 0 ? graph : graph.WithProblems([.. graph.Problems, .. refused]);
        }

        // Compiled in the background: the first compilation in a process takes seconds, and a published policy should
        // not make its first ticket wait for it.
        foreach (var (_, code) in csharp)
        {
            CSharpEvaluator.Precompile(code);
        }

        return graph;
    }

    /// <summary>Every C# text of the version: C# expressions on any input, and Run C#'s script.</summary>
    private static IEnumerable<(Activity Activity, string Code)> CSharpOf(WorkflowGraph graph)
    {
        foreach (var activity in graph.AllActivities)
        {
            foreach (var binding in ActivityBindings.For(activity.GetType()))
            {
                if (binding.Kind != BindingKind.Input || binding.Property.GetValue(activity) is not Input { Expression: { } expression })
                {
                    continue;
                }

                if (expression.Type.Equals(Expression.CSharp, StringComparison.OrdinalIgnoreCase) && expression.Value?.ToString() is { Length: > 0 } code)
                {
                    yield return (activity, code);
                }
                else if (activity is RunCSharp && binding.JsonName == "script" && expression.Type.Equals(Expression.Literal, StringComparison.OrdinalIgnoreCase)
                    && expression.Value?.ToString() is { Length: > 0 } script)
                {
                    yield return (activity, script);
                }
            }
        }
    }

    public async Task<WorkflowRunResult> StartAsync(WorkflowGraph graph, StartWorkflowRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new StartWorkflowRequest();
        var execution = new WorkflowExecution(_environment, graph, request.InstanceId ?? NewInstanceId())
        {
            CorrelationId = request.CorrelationId,
            TriggerActivityId = request.TriggerActivityId,
        };
        if (request.Input is { } input)
        {
            foreach (var (key, value) in input)
            {
                execution.Input[key] = value;
            }
        }

        await execution.StartAsync(cancellationToken);
        return Result(execution);
    }

    public async Task<WorkflowRunResult> ResumeAsync(WorkflowGraph graph, WorkflowState state, string bookmarkId, object? input = null, CancellationToken cancellationToken = default)
    {
        var execution = WorkflowStateMapper.Restore(_environment, graph, state);
        var bookmark = execution.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)
            ?? throw new InvalidOperationException($"Instance {state.Id} has no bookmark {bookmarkId}.");
        await execution.ResumeAsync(bookmark, input, cancellationToken);
        return Result(execution);
    }

    /// <summary>Cancels a saved instance: its bookmarks go and it ends Finished/Cancelled.</summary>
    public WorkflowRunResult Cancel(WorkflowGraph graph, WorkflowState state)
    {
        var execution = WorkflowStateMapper.Restore(_environment, graph, state);
        execution.CancelInstance();
        return Result(execution);
    }

    /// <summary>The triggers a published version indexes: one per payload of each trigger activity with canStartWorkflow.</summary>
    /// <exception cref="WorkflowValidationException">A trigger's inputs cannot be evaluated (an expression type this engine does not know, a script that throws).</exception>
    public IReadOnlyList<TriggerRegistration> GetTriggers(WorkflowGraph graph)
    {
        var triggers = new List<TriggerRegistration>();
        foreach (var activity in TriggerCandidates(graph.Root))
        {
            var context = new TriggerIndexingContext(activity, graph.Definition, TimeProvider, _environment.Evaluator);
            List<object?> payloads;
            try
            {
                payloads = ((ITrigger)activity).GetTriggerPayloads(context).ToList();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A running instance would fault with an incident; a trigger is evaluated at publish, so it is refused then.
                throw new WorkflowValidationException(graph.Definition.DefinitionId,
                    [new MaterializationProblem(activity.Id, activity.Type, $"its trigger inputs cannot be evaluated ({e.Message.TrimEnd('.')})")]);
            }

            if (payloads.Count == 0)
            {
                payloads.Add(null);
            }

            triggers.AddRange(payloads.Select(payload => new TriggerRegistration(activity.Id, activity.Type,
                StimulusHasher.Hash(activity.Type, payload), StimulusHasher.ToPayloadJson(payload))));
        }

        return triggers;
    }

    /// <summary>Trigger activities of this definition itself; workflows used as activities index their own triggers.</summary>
    private static IEnumerable<Activity> TriggerCandidates(Activity activity)
    {
        if (activity is ITrigger && activity.CanStartWorkflow)
        {
            yield return activity;
        }

        if (activity is WorkflowDefinitionActivity)
        {
            yield break;
        }

        foreach (var child in activity.GetChildren())
        {
            foreach (var trigger in TriggerCandidates(child))
            {
                yield return trigger;
            }
        }
    }

    private static WorkflowRunResult Result(WorkflowExecution execution) =>
        new(WorkflowStateMapper.Capture(execution), [.. execution.CompletedActivityIds]);

    internal static string NewInstanceId() => Guid.NewGuid().ToString("N")[..16];
}

public sealed record StartWorkflowRequest
{
    public string? InstanceId { get; init; }
    public string? CorrelationId { get; init; }
    public IReadOnlyDictionary<string, object?>? Input { get; init; }

    /// <summary>The trigger that started this instance; the flowchart starts there (Elsa's TriggerActivityId).</summary>
    public string? TriggerActivityId { get; init; }

    /// <summary>
    /// The starting stimulus's place in its ordered stream (a ticket event's sequence), saved with the instance: the
    /// instance is never resumed by that stimulus or an earlier one of the stream.
    /// </summary>
    public long? Position { get; init; }
}

/// <summary>The outcome of one run: the state to persist and the activities that completed during it, in order.</summary>
public sealed record WorkflowRunResult(WorkflowState State, IReadOnlyList<string> CompletedActivityIds)
{
    public WorkflowStatus Status => State.Status;
    public WorkflowSubStatus SubStatus => State.SubStatus;
    public IReadOnlyList<Bookmark> Bookmarks => State.Bookmarks;
    public IReadOnlyList<ActivityIncident> Incidents => State.Incidents;
}

/// <summary>One indexed trigger of a definition version: matched by <see cref="Hash"/> of (name, payload).</summary>
public sealed record TriggerRegistration(string ActivityId, string Name, string Hash, System.Text.Json.Nodes.JsonNode? Payload);
