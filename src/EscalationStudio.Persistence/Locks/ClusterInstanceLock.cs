using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Persistence.Locks;

/// <summary>
/// The instance lock of a node that shares its database with others (PostgreSQL): the in-process lock first, so this
/// node's own stimuli queue up without a database round trip, then an advisory lock on the instance id, so a timer and
/// a ticket event delivered to two nodes never run one instance twice. On SQLite it is the in-process lock alone.
/// </summary>
internal sealed class ClusterInstanceLock(DatabaseLocks locks) : IInstanceLock
{
    private readonly InProcessInstanceLock _local = new();

    public async ValueTask<IAsyncDisposable> AcquireAsync(string workflowInstanceId, CancellationToken cancellationToken = default)
    {
        var local = await _local.AcquireAsync(workflowInstanceId, cancellationToken);
        if (!locks.AcrossNodes)
        {
            return local;
        }

        try
        {
            var shared = await locks.For($"instance:{workflowInstanceId}").AcquireAsync(cancellationToken: cancellationToken);
            return new Both(shared, local);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    public ValueTask<IAsyncDisposable> AcquireNewAsync(string workflowInstanceId, CancellationToken cancellationToken = default) =>
        _local.AcquireAsync(workflowInstanceId, cancellationToken);

    private sealed class Both(IAsyncDisposable shared, IAsyncDisposable local) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await shared.DisposeAsync();
            }
            finally
            {
                await local.DisposeAsync();
            }
        }
    }
}
