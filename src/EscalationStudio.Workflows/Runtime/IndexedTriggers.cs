namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// The trigger index kept in memory, so matching a stimulus costs no store read. The store stays the durable index:
/// this node's publish and retract mark the copy stale at once, and a copy older than <see cref="RefreshInterval"/>
/// is read again, which is how a publish by another node sharing the store (PostgreSQL) reaches this one.
/// </summary>
internal sealed class IndexedTriggers(ITriggerStore store, TimeProvider time)
{
    /// <summary>How late a publish or retract on another node may be seen here; a re-read costs one small query.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private Snapshot? _current;
    private long _changes;

    /// <summary>The published triggers; the same list instance until they change, so callers may cache what they derive from it.</summary>
    public async ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken)
    {
        var changes = Interlocked.Read(ref _changes);
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _current) is { } current && current.Changes == changes && now - current.LoadedAt < RefreshInterval)
        {
            return current.Triggers;
        }

        // Stamped with the change count read before loading: a publish landing during the read leaves the copy stale.
        var triggers = await store.ListAsync(cancellationToken);
        Volatile.Write(ref _current, new Snapshot(triggers, changes, now));
        return triggers;
    }

    /// <summary>Called after the store's triggers were replaced.</summary>
    public void Changed() => Interlocked.Increment(ref _changes);

    private sealed record Snapshot(IReadOnlyList<StoredTrigger> Triggers, long Changes, DateTimeOffset LoadedAt);
}
