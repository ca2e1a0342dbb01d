using System.Data.Common;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>Which exceptions out of a start or a resume are the run's own failure.</summary>
public static class RunFaults
{
    /// <summary>
    /// False for a cancellation and for the database being away: those are nobody's workflow's fault. They suspend no
    /// workflow (<see cref="IWorkflowRunGuard"/>), and whoever delivered the stimulus delivers it again.
    /// </summary>
    public static bool IsTheRunsOwn(Exception error) => error is not (OperationCanceledException or DbException);
}
