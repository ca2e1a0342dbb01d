namespace EscalationStudio.Workflows.Execution;

/// <summary>Elsa's main status, derived from the sub-status.</summary>
public enum WorkflowStatus
{
    Running,
    Finished,
}

public enum WorkflowSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
}

internal static class WorkflowStatusRules
{
    public static WorkflowStatus MainStatusOf(WorkflowSubStatus subStatus) =>
        subStatus is WorkflowSubStatus.Finished or WorkflowSubStatus.Cancelled or WorkflowSubStatus.Faulted
            ? WorkflowStatus.Finished
            : WorkflowStatus.Running;
}
