namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// The published triggers without those of definitions an <see cref="IWorkflowRunGuard"/> holds back. The same list
/// instance is answered until the triggers or the holds change, as <see cref="IndexedTriggers"/> promises its callers.
/// </summary>
internal sealed class AdmittedTriggers
{
    private readonly IWorkflowRunGuard _guard;
    private long _holds;
    private Snapshot? _current;

    public AdmittedTriggers(IWorkflowRunGuard guard)
    {
        _guard = guard;
        guard.HoldsChanged += (_, _) => Interlocked.Increment(ref _holds);
    }

    public IReadOnlyList<StoredTrigger> Of(IReadOnlyList<StoredTrigger> all)
    {
        var holds = Interlocked.Read(ref _holds);
        if (Volatile.Read(ref _current) is { } current && ReferenceEquals(current.From, all) && current.Holds == holds)
        {
            return current.Admitted;
        }

        IReadOnlyList<StoredTrigger> admitted = all.All(t => _guard.Admits(t.WorkflowDefinitionId)) ? all : all.Where(t => _guard.Admits(t.WorkflowDefinitionId)).ToList();
        Volatile.Write(ref _current, new Snapshot(all, holds, admitted));
        return admitted;
    }

    private sealed record Snapshot(IReadOnlyList<StoredTrigger> From, long Holds, IReadOnlyList<StoredTrigger> Admitted);
}
