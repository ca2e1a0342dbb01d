using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions;
using EscalationStudio.Workflows.Materialization;

namespace EscalationStudio.Workflows.State;

/// <summary>Captures a running <see cref="WorkflowExecution"/> as <see cref="WorkflowState"/> and rebuilds it.</summary>
internal static class WorkflowStateMapper
{
    public static WorkflowState Capture(WorkflowExecution execution) => new()
    {
        Id = execution.InstanceId,
        DefinitionId = execution.Graph.Definition.DefinitionId,
        DefinitionVersionId = execution.Graph.Definition.Id,
        DefinitionVersion = execution.Graph.Definition.Version,
        CorrelationId = execution.CorrelationId,
        Status = execution.Status,
        SubStatus = execution.SubStatus,
        TriggerActivityId = execution.TriggerActivityId,
        TriggerPending = execution.TriggerPending,
        Input = ToJsonObject(execution.Input),
        Output = ToJsonObject(execution.Output),
        Properties = (JsonObject)execution.Properties.DeepClone(),
        ActivityExecutionContexts = execution.Contexts.OrderBy(Depth).Select(CaptureContext).ToList(),
        ScheduledActivities = execution.ScheduledWork.Select(CaptureWork).ToList(),
        Bookmarks = [.. execution.Bookmarks],
        Incidents = [.. execution.Incidents],
        ContextSequence = execution.ContextSequence,
        CreatedAt = execution.CreatedAt,
        UpdatedAt = execution.UpdatedAt,
        FinishedAt = execution.FinishedAt,
    };

    public static WorkflowExecution Restore(ExecutionEnvironment environment, WorkflowGraph graph, WorkflowState state)
    {
        if (state.DefinitionVersionId != graph.Definition.Id)
        {
            throw new InvalidOperationException($"Instance {state.Id} is pinned to definition version {state.DefinitionVersionId}, not {graph.Definition.Id}.");
        }

        var execution = new WorkflowExecution(environment, graph, state.Id)
        {
            CorrelationId = state.CorrelationId,
            SubStatus = state.SubStatus,
            TriggerActivityId = state.TriggerActivityId,
            TriggerPending = state.TriggerPending,
            Properties = (JsonObject)state.Properties.DeepClone(),
            ContextSequence = state.ContextSequence,
            CreatedAt = state.CreatedAt,
            UpdatedAt = state.UpdatedAt,
            FinishedAt = state.FinishedAt,
        };
        foreach (var (key, value) in state.Input)
        {
            execution.Input[key] = ValueConverter.FromJson(value);
        }

        var contexts = new Dictionary<string, ActivityExecutionContext>(StringComparer.Ordinal);
        foreach (var saved in state.ActivityExecutionContexts)
        {
            var activity = FindNode(graph, saved.ScheduledActivityNodeId, state.Id);
            var parent = saved.ParentContextId is { } parentId ? contexts.GetValueOrDefault(parentId) : null;
            var context = new ActivityExecutionContext(execution, saved.Id, activity, parent, new ScheduleOptions { Tag = saved.Tag, Input = ToDictionary(saved.ScheduleInput) })
            {
                Status = saved.Status,
                Variables = saved.Variables?.Select(RestoreVariable).ToList(),
                Scope = saved.Scope is { } scope ? RestoreScope(activity, graph.Definition, scope) : null,
            };
            foreach (var (key, value) in saved.Properties)
            {
                context.RestoreProperty(key, value?.DeepClone());
            }

            contexts[saved.Id] = context;
            execution.Restore(context, isRoot: parent is null && activity == graph.Root);
        }

        var bookmarks = state.Bookmarks.ToDictionary(b => b.Id);
        foreach (var work in state.ScheduledActivities)
        {
            execution.Schedule(new WorkItem(FindNode(graph, work.ActivityNodeId, state.Id), work.OwnerContextId,
                new ScheduleOptions { Tag = work.Tag, Input = ToDictionary(work.Input), LocalVariables = ToDictionary(work.LocalVariables) })
            {
                ResumeContextId = work.ResumeContextId,
                Bookmark = work.BookmarkId is { } id ? bookmarks.GetValueOrDefault(id) : null,
            });
        }

        foreach (var bookmark in state.Bookmarks)
        {
            execution.RestoreBookmark(bookmark);
        }

        foreach (var incident in state.Incidents)
        {
            execution.RestoreIncident(incident);
        }

        return execution;
    }

    private static ActivityContextState CaptureContext(ActivityExecutionContext context) => new()
    {
        Id = context.Id,
        ParentContextId = context.Parent?.Id,
        ScheduledActivityNodeId = context.Activity.NodeId,
        Status = context.Status,
        Tag = context.Tag,
        ScheduleInput = context.ScheduleInput is { Count: > 0 } input ? ToJsonObject(input) : null,
        Variables = context.Variables?.Select(v => new VariableState(v.Id, v.Name, v.TypeName, v.IsArray, ValueConverter.ToJson(v.Value))).ToList(),
        Properties = new JsonObject(context.PropertyBag.Select(p => KeyValuePair.Create(p.Key, p.Value is JsonNode node
            ? node.DeepClone()
            : JsonSerializer.SerializeToNode(p.Value, WorkflowDefinitionJson.SerializerOptions)))),
        Scope = context.Scope is { } scope
            ? new DefinitionScopeState(scope.Definition.Id, ToJsonObject(scope.Inputs), ToJsonObject(scope.Outputs), scope.CompletionOutcomes?.Names.ToList())
            : null,
    };

    private static ScheduledActivityState CaptureWork(WorkItem item) => new()
    {
        ActivityNodeId = item.Activity.NodeId,
        OwnerContextId = item.OwnerContextId,
        Tag = item.Options.Tag,
        Input = item.Options.Input is { Count: > 0 } input ? ToJsonObject(input) : null,
        LocalVariables = item.Options.LocalVariables is { Count: > 0 } locals ? ToJsonObject(locals) : null,
        ResumeContextId = item.ResumeContextId,
        BookmarkId = item.Bookmark?.Id,
    };

    private static Variable RestoreVariable(VariableState saved)
    {
        var variable = new Variable(saved.Id, saved.Name, saved.TypeName, saved.IsArray);
        variable.Set(ValueConverter.FromJson(saved.Value));
        return variable;
    }

    private static DefinitionScope RestoreScope(Activity activity, WorkflowDefinition workflow, DefinitionScopeState saved)
    {
        var definition = activity is WorkflowDefinitionActivity child ? child.Definition : workflow;
        var scope = new DefinitionScope(definition)
        {
            CompletionOutcomes = saved.CompletionOutcomes is { } names ? new Outcomes(names) : null,
        };
        foreach (var (key, value) in saved.Inputs)
        {
            scope.Inputs[key] = ValueConverter.FromJson(value);
        }

        foreach (var (key, value) in saved.Outputs)
        {
            scope.Outputs[key] = ValueConverter.FromJson(value);
        }

        return scope;
    }

    private static Activity FindNode(WorkflowGraph graph, string nodeId, string instanceId) =>
        graph.Nodes.GetValueOrDefault(nodeId)
        ?? throw new InvalidOperationException($"Instance {instanceId} refers to node '{nodeId}', which definition version {graph.Definition.Id} does not have.");

    private static int Depth(ActivityExecutionContext context)
    {
        var depth = 0;
        for (var current = context.Parent; current is not null; current = current.Parent)
        {
            depth++;
        }

        return depth;
    }

    private static JsonObject ToJsonObject(IEnumerable<KeyValuePair<string, object?>> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, ValueConverter.ToJson(p.Value))));

    private static Dictionary<string, object?>? ToDictionary(JsonObject? json) =>
        json?.ToDictionary(p => p.Key, p => ValueConverter.FromJson(p.Value));
}
