using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>
/// One execution of one activity inside a workflow instance: what an activity reads its inputs from, writes its
/// outputs to, completes, waits (bookmarks) and schedules children through. Everything here is persisted with the
/// instance, so an activity may be resumed in another process days later.
/// </summary>
public sealed partial class ActivityExecutionContext
{
    private Dictionary<Input, object?>? _evaluated;
    private Dictionary<string, object?>? _properties;
    private Dictionary<string, object?>? _outputValues;

    internal ActivityExecutionContext(WorkflowExecution execution, string id, Activity activity, ActivityExecutionContext? parent, ScheduleOptions options)
    {
        Execution = execution;
        Id = id;
        Activity = activity;
        Parent = parent;
        Tag = options.Tag;
        ScheduleInput = options.Input is null ? null : new Dictionary<string, object?>(options.Input);
        if (options.LocalVariables is { Count: > 0 } locals)
        {
            Variables = locals.Select(p => Variable.Local(p.Key, p.Value)).ToList();
        }
    }

    internal WorkflowExecution Execution { get; }

    /// <summary>Unique per execution; bookmarks refer to it as the activity instance id.</summary>
    public string Id { get; }

    public Activity Activity { get; }

    public ActivityExecutionContext? Parent { get; }

    public string? Tag { get; }

    public ActivityStatus Status { get; internal set; } = ActivityStatus.Running;

    public string WorkflowInstanceId => Execution.InstanceId;
    public string DefinitionId => Execution.Graph.Definition.DefinitionId;
    public string DefinitionVersionId => Execution.Graph.Definition.Id;
    public int DefinitionVersion => Execution.Graph.Definition.Version;

    public string? CorrelationId
    {
        get => Execution.CorrelationId;
        set => Execution.CorrelationId = value;
    }

    public TimeProvider TimeProvider => Execution.Environment.TimeProvider;

    /// <summary>The host's services: domain services for escalation activities (ticket service, directory...).</summary>
    public IServiceProvider Services => Execution.Environment.Services;

    public T GetRequiredService<T>() where T : notnull =>
        (T?)Services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered with the host's services.");

    /// <summary>The input the instance was started with.</summary>
    public IReadOnlyDictionary<string, object?> WorkflowInput => Execution.Input;

    /// <summary>True when this activity is the trigger that started the current run (Elsa's IsTriggerOfWorkflow).</summary>
    public bool IsTriggerOfWorkflow => Execution.TriggerActivityId == Activity.Id && Execution.TriggerPending;

    /// <summary>The bookmark being resumed, during <see cref="Activity.ResumeAsync"/>.</summary>
    public Bookmark? ResumedBookmark { get; internal set; }

    /// <summary>The stimulus input passed with the resume, if any.</summary>
    public object? ResumeInput { get; internal set; }

    internal Dictionary<string, object?>? ScheduleInput { get; set; }
    internal List<Variable>? Variables { get; set; }
    internal DefinitionScope? Scope { get; set; }
    internal Outcomes? PendingCompletion { get; private set; }
    internal (ActivityExecutionContext Scope, Outcomes Outcomes)? PendingScopeCompletion { get; private set; }
    internal bool FinishRequested { get; private set; }
    internal int BookmarksCreated { get; private set; }
    internal int ChildrenScheduled { get; private set; }

    /// <summary>Outputs this execution produced, by output name (created on first use: most activities have none).</summary>
    internal Dictionary<string, object?> OutputValues => _outputValues ??= new(StringComparer.OrdinalIgnoreCase);

    internal IReadOnlyDictionary<string, object?> PropertyBag => _properties ?? (IReadOnlyDictionary<string, object?>)EmptyProperties;

    private static readonly Dictionary<string, object?> EmptyProperties = [];

    /// <summary>
    /// A name for the next side effect this instance makes outside itself (a ticket change, a message sent), for the
    /// receiver to recognise a repeat: <c>&lt;instance id&gt;#&lt;n&gt;</c>, counted per instance and saved with it.
    /// </summary>
    /// <remarks>
    /// A process that dies after an effect but before the instance is saved runs the instance again from its last saved
    /// state; that run asks for the same names in the same order, so a receiver that remembers them acts once.
    /// </remarks>
    public string NextEffectKey()
    {
        var properties = Execution.Properties;
        var next = (properties[EffectCountProperty]?.GetValue<long>() ?? 0) + 1;
        properties[EffectCountProperty] = next;
        return $"{WorkflowInstanceId}#{next}";
    }

    internal const string EffectCountProperty = "effects";

    /// <summary>A value the whole run keeps, saved with the instance (what last triggered a policy, for instance).</summary>
    public JsonNode? GetRunProperty(string key) => Execution.Properties[key]?.DeepClone();

    /// <inheritdoc cref="GetRunProperty"/>
    public void SetRunProperty(string key, JsonNode? value) => Execution.Properties[key] = value;

    /// <summary>Evaluates an input (once per execution) and converts it to the declared type.</summary>
    public T? Get<T>(Input<T>? input)
    {
        if (input?.Expression is null)
        {
            return default;
        }

        if (input.CachedLiteral is { } literal)
        {
            return (T?)literal.Value;
        }

        if (IsLiteral(input.Expression))
        {
            var converted = EvaluateInput(input);
            if (converted is null or string || converted.GetType().IsValueType)
            {
                input.CachedLiteral = new Input.LiteralValue(converted);
            }

            return (T?)converted;
        }

        _evaluated ??= new Dictionary<Input, object?>(ReferenceEqualityComparer.Instance);
        if (!_evaluated.TryGetValue(input, out var value))
        {
            value = EvaluateInput(input);
            _evaluated[input] = value;
        }

        return (T?)value;
    }

    /// <summary>Evaluates an input; an empty one reads as its declared <see cref="InputAttribute.DefaultValue"/>.</summary>
    public T GetOrDefault<T>(Input<T?>? input)
        where T : struct =>
        Input<T?>.OrDeclaredDefault(Get(input), input)!.Value;

    /// <summary>Evaluates an input; an empty one (null) reads as its declared <see cref="InputAttribute.DefaultValue"/>.</summary>
    public T GetOrDefault<T>(Input<T>? input)
        where T : class =>
        Input<T>.OrDeclaredDefault(Get(input), input);

    /// <summary>An input that cannot be evaluated faults the activity with a message naming the input.</summary>
    private object? EvaluateInput(Input input)
    {
        try
        {
            return Execution.Environment.Evaluator.Evaluate(input.Expression!, input.ValueType, this);
        }
        catch (Exception e) when (e is InvalidCastException or Expressions.JavaScript.ScriptException or NotSupportedException or JsonException or FormatException)
        {
            throw new InvalidOperationException($"Input '{input.Name}': {e.Message}", e);
        }
    }

    private static bool IsLiteral(Expression expression) =>
        string.Equals(expression.Type, Expression.Literal, StringComparison.OrdinalIgnoreCase);

    /// <summary>Evaluates an arbitrary expression in this context (e.g. a FlowSwitch case condition).</summary>
    public T? Evaluate<T>(Expression? expression) =>
        expression is null ? default : (T?)Execution.Environment.Evaluator.Evaluate(expression, typeof(T), this);

    /// <summary>Sets an output: the bound variable (or enclosing workflow output) and the activity's recorded result.</summary>
    public void Set<T>(Output<T>? output, T? value)
    {
        if (output is null)
        {
            return;
        }

        OutputValues[output.Name ?? "Result"] = value;
        Execution.LastResult = value;
        if (output.MemoryReferenceId is { Length: > 0 } target)
        {
            Execution.WriteMemory(this, target, value);
        }
    }

    /// <summary>Completes the activity with the given outcomes (<c>Done</c> when none are given).</summary>
    public void Complete(params string[] outcomes) => PendingCompletion = Outcomes.From(outcomes);

    public void Complete(Outcomes outcomes) => PendingCompletion = outcomes;

    /// <summary>
    /// Whether completing with <paramref name="outcome"/> leads anywhere: in a flowchart, whether a connection leaves this
    /// activity from that port. Elsa follows only connected outcomes, so an activity that fires intermediate signals
    /// (an SLA timer's warnings) can keep running rather than end its flowchart through a port nobody connected.
    /// Outside a flowchart the container decides, so the answer is yes.
    /// </summary>
    public bool IsOutcomeConnected(string outcome) =>
        Parent?.Activity is not Flowcharts.Flowchart flowchart
        || flowchart.Connections.Any(c => c.Source == Activity && string.Equals(c.SourcePort, outcome, StringComparison.Ordinal));

    /// <summary>Waits for a stimulus. The activity stays running until the bookmark is resumed.</summary>
    public Bookmark CreateBookmark(BookmarkOptions options)
    {
        BookmarksCreated++;
        return Execution.AddBookmark(this, options);
    }

    /// <summary>Schedules a child activity; the engine calls <see cref="Activity.OnChildCompletedAsync"/> when it completes.</summary>
    public void ScheduleActivity(Activity activity, ScheduleOptions? options = null)
    {
        ChildrenScheduled++;
        Execution.Schedule(new WorkItem(activity, Id, options ?? ScheduleOptions.None));
    }

    /// <summary>A value passed by the scheduling container (e.g. Elsa's BackwardConnection flag).</summary>
    public object? GetScheduleInput(string key) => ScheduleInput?.GetValueOrDefault(key);

    /// <summary>Per-execution state that is persisted with the instance (a loop's counter, a flowchart's visits).</summary>
    public T GetProperty<T>(string key, Func<T> create) where T : class
    {
        _properties ??= [];
        switch (_properties.GetValueOrDefault(key))
        {
            case T value:
                return value;
            case JsonNode json:
                var restored = json.Deserialize<T>(WorkflowDefinitionJson.SerializerOptions) ?? create();
                _properties[key] = restored;
                return restored;
            default:
                var created = create();
                _properties[key] = created;
                return created;
        }
    }

    public void SetProperty(string key, object? value) => (_properties ??= [])[key] = value;

    internal void RestoreProperty(string key, JsonNode? value) => (_properties ??= [])[key] = value;

    /// <summary>Completes the nearest enclosing workflow definition with outcomes (Elsa.Complete's signal).</summary>
    internal void CompleteDefinitionScope(Outcomes outcomes)
    {
        var scopeContext = FindScopeContext() ?? Execution.Root;
        scopeContext.Scope!.CompletionOutcomes = outcomes;
        PendingScopeCompletion = (scopeContext, outcomes);
    }

    /// <summary>Ends the whole instance as Finished (Elsa.Finish), whatever is still running or waiting.</summary>
    internal void RequestFinish() => FinishRequested = true;

    /// <summary>Children of this context that are still running.</summary>
    public IEnumerable<ActivityExecutionContext> Children => Execution.ChildrenOf(this);

    /// <summary>Whether a child of this context is running, or work owned by it or a descendant is scheduled.</summary>
    public bool HasPendingWork() => Execution.HasPendingWork(this);

    public bool IsScheduled(Activity activity) => Execution.IsScheduled(this, activity);

    /// <summary>Cancels a running child and everything under it (Elsa: WaitAny cancels the other branches).</summary>
    public void CancelChild(ActivityExecutionContext child) => Execution.Cancel(child);

    internal void ResetTransientState()
    {
        PendingCompletion = null;
        PendingScopeCompletion = null;
        BookmarksCreated = 0;
        ChildrenScheduled = 0;
        _evaluated = null;
    }

    public override string ToString() => $"{Activity} ({Id}, {Status})";
}
