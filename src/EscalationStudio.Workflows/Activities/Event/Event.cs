using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Waits for a named event (stimulus <c>Elsa.Event</c>, payload <c>{"EventName": name}</c>). As the trigger of the
/// current run it completes at once with the event input as its result.
/// </summary>
[Activity("Elsa", "Primitives", "Wait for an event to be published.")]
internal sealed class Event : Activity, ITrigger
{
    /// <summary>The workflow-input key Elsa's event publisher puts the payload under.</summary>
    public const string PayloadInputKey = "__EventPayloadWorkflowInput";

    [Input(Description = "The name of the event to wait for.")]
    public Input<string>? EventName { get; set; }

    [Output(Description = "The event's payload.")]
    public Output<object>? Result { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            context.Set(Result, context.WorkflowInput.GetValueOrDefault(PayloadInputKey));
            return ValueTask.CompletedTask;
        }

        context.CreateBookmark(new BookmarkOptions(StimulusNames.Event, new EventStimulus(context.Get(EventName) ?? "")));
        return ValueTask.CompletedTask;
    }

    protected internal override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var input = context.ResumeInput as IReadOnlyDictionary<string, object?>;
        context.Set(Result, input?.GetValueOrDefault(PayloadInputKey) ?? context.ResumeInput);
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public IEnumerable<object?> GetTriggerPayloads(TriggerIndexingContext context)
    {
        yield return new EventStimulus(context.Get(EventName) ?? "");
    }
}
