namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Serialises changes to definitions in this process, so that a Studio save and a file change never interleave.
/// Between nodes sharing a database, the store's revisions refuse the second of two changes made from one read
/// (<see cref="DefinitionConflictException"/>).
/// </summary>
public sealed class DefinitionWriteLock
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
