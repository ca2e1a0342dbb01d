using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// What a trigger sees when a published definition is indexed: its inputs (evaluated without an instance, so
/// Literal and Object expressions; scripts see no variables), the definition and the clock.
/// </summary>
public sealed class TriggerIndexingContext
{
    private readonly ExpressionEvaluator _evaluator;

    internal TriggerIndexingContext(Activity activity, WorkflowDefinition definition, TimeProvider timeProvider, ExpressionEvaluator evaluator)
    {
        Activity = activity;
        Definition = definition;
        TimeProvider = timeProvider;
        _evaluator = evaluator;
    }

    public Activity Activity { get; }
    public WorkflowDefinition Definition { get; }
    public TimeProvider TimeProvider { get; }

    public T? Get<T>(Input<T>? input) =>
        input?.Expression is null ? default : (T?)_evaluator.Evaluate(input.Expression, typeof(T), context: null);

    /// <summary>Evaluates an input; an empty one reads as its declared <see cref="InputAttribute.DefaultValue"/>.</summary>
    public T GetOrDefault<T>(Input<T?>? input)
        where T : struct =>
        Input<T?>.OrDeclaredDefault(Get(input), input)!.Value;
}
