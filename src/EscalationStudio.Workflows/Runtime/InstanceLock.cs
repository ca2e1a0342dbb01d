namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Guarantees that two stimuli never run one instance at once. The in-process implementation is enough for one
/// node; nodes sharing a PostgreSQL database use the persistence layer's advisory lock behind the same interface.
/// </summary>
public interface IInstanceLock
{
    ValueTask<IAsyncDisposable> AcquireAsync(string workflowInstanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The lock of an instance whose id this process has just made up: no other node can know the id before the
    /// instance is saved (under this lock), so a lock across nodes may keep to this process.
    /// </summary>
    ValueTask<IAsyncDisposable> AcquireNewAsync(string workflowInstanceId, CancellationToken cancellationToken = default) =>
        AcquireAsync(workflowInstanceId, cancellationToken);
}

/// <summary>One SemaphoreSlim per instance id, removed when nobody holds or waits for it.</summary>
public sealed class InProcessInstanceLock : IInstanceLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string workflowInstanceId, CancellationToken cancellationToken = default)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(workflowInstanceId, out entry!))
            {
                _entries[workflowInstanceId] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(workflowInstanceId, entry, held: false);
            throw;
        }

        return new Releaser(() => Release(workflowInstanceId, entry, held: true));
    }

    private void Release(string workflowInstanceId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(workflowInstanceId);
            }
        }
    }

    /// <summary>Instance ids currently locked or awaited (for tests and diagnostics).</summary>
    public int ActiveCount
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(Action release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
