namespace EscalationStudio.Workflows.Runtime;

/// <summary>What <see cref="WorkflowRuntime.ResumeAsync(StoredBookmark, object?, CancellationToken)"/> did with a stored bookmark.</summary>
public enum BookmarkResumptionOutcome
{
    /// <summary>The instance ran from the bookmark; <see cref="BookmarkResumption.Result"/> holds the run.</summary>
    Resumed,

    /// <summary>Another stimulus or timer resumed the bookmark first; nothing ran.</summary>
    AlreadyResumed,

    /// <summary>The instance has already heard this stimulus's position in its stream (or a later one); nothing ran.</summary>
    AlreadyHeard,

    /// <summary>The instance no longer exists; its leftover bookmark rows were deleted.</summary>
    InstanceGone,

    /// <summary>The instance's definition is held back (<see cref="IWorkflowRunGuard"/>); nothing ran and the bookmark stays.</summary>
    Held,
}

public sealed record BookmarkResumption(BookmarkResumptionOutcome Outcome, WorkflowRunResult? Result);
