using System.Data.Common;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>Which exceptions out of a start or a resume are the run's own failure.</summary>
public static class RunFaults
{
    /// <summary>
    /// False for a cancellation and for the database being away (a <see cref="DbException"/>, also when an ORM wraps
    /// it): those are nobody's workflow's fault. They suspend no workflow (<see cref="IWorkflowRunGuard"/>), are not
    /// an activity's fault either (the run stops unsaved, as if the process had stopped), and whoever delivered the
    /// stimulus delivers it again.
    /// </summary>
    public static bool IsTheRunsOwn(Exception error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is OperationCanceledException or DbException)
            {
                return false;
            }
        }

        return true;
    }
}
