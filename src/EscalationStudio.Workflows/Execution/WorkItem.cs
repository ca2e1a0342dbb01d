using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;

namespace EscalationStudio.Workflows.Execution;

/// <summary>One entry of the scheduler: run an activity under an owner, or resume a waiting context.</summary>
internal sealed record WorkItem(Activity Activity, string? OwnerContextId, ScheduleOptions Options)
{
    /// <summary>Set when the item resumes an existing context instead of starting a new one.</summary>
    public string? ResumeContextId { get; init; }

    public Bookmark? Bookmark { get; init; }

    public object? ResumeInput { get; init; }
}
