namespace EscalationStudio.Workflows.Execution;

public enum ActivityStatus
{
    Pending,
    Running,
    Completed,
    Canceled,
    Faulted,
}
