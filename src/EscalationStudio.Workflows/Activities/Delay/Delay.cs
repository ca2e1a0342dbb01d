using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Waits for a time span: creates an <c>Elsa.Delay</c> bookmark due at now + span. The host schedules the resume
/// (the engine never polls); resuming it earlier simply continues, as Elsa's test harness does.
/// </summary>
[Activity("Elsa", "Scheduling", "Delay execution for the specified amount of time.")]
internal sealed class Delay : Activity
{
    [Input(Description = "How long to wait.", DefaultValue = "00:01:00")]
    public Input<TimeSpan>? TimeSpan { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var resumeAt = context.TimeProvider.GetUtcNow() + context.Get(TimeSpan);
        context.CreateBookmark(new BookmarkOptions(StimulusNames.Delay, new DelayPayload(resumeAt)) { DueAt = resumeAt });
        return ValueTask.CompletedTask;
    }
}
