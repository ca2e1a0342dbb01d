using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// A recurring trigger (payload: start time and interval) or, reached mid-flow, a wait of one interval with an
/// <c>Elsa.Timer</c> bookmark due at the next tick.
/// </summary>
[Activity("Elsa", "Scheduling", "Trigger workflow execution at a specific interval.")]
internal sealed class Timer : Activity, ITrigger
{
    [Input(Description = "The interval between ticks.", DefaultValue = "00:01:00")]
    public Input<TimeSpan>? Interval { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return ValueTask.CompletedTask;
        }

        var resumeAt = context.TimeProvider.GetUtcNow() + context.Get(Interval);
        context.CreateBookmark(new BookmarkOptions(StimulusNames.Timer, new TimerBookmarkPayload(resumeAt)) { DueAt = resumeAt });
        return ValueTask.CompletedTask;
    }

    public IEnumerable<object?> GetTriggerPayloads(TriggerIndexingContext context)
    {
        yield return new TimerTriggerPayload(context.TimeProvider.GetUtcNow(), context.Get(Interval));
    }
}
